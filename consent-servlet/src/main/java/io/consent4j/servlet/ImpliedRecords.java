/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ChoiceContext;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what a filtered request implies by itself (an applied GPC or DNT signal, C19, or an expired
 * consent that came back, C18) where it arrives, not only when the page asks the visitor endpoint: once
 * per consent and signal, off the request thread, bounded, and never failing the page.
 *
 * <p>On the request thread the filter only asks the manager whether the decision implies a record it has
 * not made yet (a cache look-up) and, if so, reads the request's facts and hands a task to the executor.
 * The executor is the one the settings give, or a single daemon thread of its own with a queue of
 * {@value #QUEUE} tasks; a task that finds no room is dropped and counted (the next page view of that
 * visitor offers it again), so the page never waits for the ledger. Tasks for a consent already queued
 * are not queued twice. A failed record is logged and tried again on a later request.
 */
final class ImpliedRecords implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImpliedRecords.class);

    /** The request attribute that says a filter with implied records decided the request. */
    static final String ATTRIBUTE = ImpliedRecords.class.getName();

    /** The tasks the own thread queues at most. */
    static final int QUEUE = 1024;

    private final ConsentManager manager;
    private final AccountReferenceResolver accounts;
    private final Executor executor;
    /** The executor this made and shuts down, or null when the settings gave one. */
    private final ThreadPoolExecutor own;

    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();

    ImpliedRecords(ConsentManager manager, AccountReferenceResolver accounts, Executor given) {
        this.manager = manager;
        this.accounts = accounts;
        if (given != null) {
            this.own = null;
            this.executor = given;
        } else {
            this.own = new ThreadPoolExecutor(
                    1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
                        Thread thread = new Thread(runnable, "consent4j-implied-records");
                        thread.setDaemon(true);
                        return thread;
                    });
            this.executor = own;
        }
    }

    /**
     * Queues the record {@code decision} implies for the visitor who sent {@code request}, if it is new.
     * Never throws: a failure here must not fail the page.
     */
    void offer(HttpServletRequest request, String cookie, RequestSignals signals, ConsentDecision decision) {
        try {
            if (!manager.impliesNewRecord(decision, signals)) {
                return;
            }
            String key = decision.consent().id() + ":" + decision.state() + ":" + signals.globalPrivacyControl() + ":"
                    + signals.doNotTrack();
            if (!queued.add(key)) {
                return;
            }
            ChoiceContext context = new ChoiceContext(
                    cookie,
                    signals,
                    CollectionPoint.SYSTEM,
                    Actor.SYSTEM,
                    LocaleNegotiation.negotiate(request, manager.policy()),
                    request.getRequestURI(),
                    request.getHeader("User-Agent"),
                    request.getRemoteAddr(),
                    accounts == null ? null : accounts.resolve(request));
            try {
                executor.execute(() -> record(key, decision, context));
            } catch (RejectedExecutionException e) {
                queued.remove(key);
                long count = dropped.incrementAndGet();
                if (count == 1 || Long.bitCount(count) == 1) {
                    LOG.warn("consent4j dropped {} implied records so far: the recording queue is full", count);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("consent4j could not queue an implied consent record: {}", e.toString());
        }
    }

    private void record(String key, ConsentDecision decision, ChoiceContext context) {
        try {
            manager.recordImplied(decision, context);
        } catch (RuntimeException e) {
            // The decision stands; the record is offered again by a later request.
            LOG.warn("consent4j could not record an implied consent event: {}", e.toString());
        } finally {
            queued.remove(key);
        }
    }

    /** How many records were dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /** Lets queued records finish, for a while, then stops the own thread; a given executor is left alone. */
    @Override
    public void close() {
        if (own == null) {
            return;
        }
        own.shutdown();
        try {
            if (!own.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn(
                        "consent4j stopped with {} implied records unrecorded",
                        own.getQueue().size());
                own.shutdownNow();
            }
        } catch (InterruptedException e) {
            own.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
