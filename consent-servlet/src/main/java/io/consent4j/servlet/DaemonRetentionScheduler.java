/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.RetentionJob;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RetentionScheduler#DAEMON_THREAD}: purges at once and then every interval on a daemon thread.
 * Stopping never interrupts a purge that is running: an interrupt closes the file channel of an H2
 * database under the purge's writes and breaks the ledger for the rest of the process. It lets the
 * purge finish instead, so that the ledger closes only after it.
 */
final class DaemonRetentionScheduler implements RetentionScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonRetentionScheduler.class);

    /** How long closing waits for a running purge before it gives up on it. */
    private static final Duration FINISH = Duration.ofMinutes(1);

    @Override
    public AutoCloseable schedule(RetentionJob job, Duration interval) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "consent4j-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> purge(job), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return () -> stop(scheduler);
    }

    private static void purge(RetentionJob job) {
        try {
            job.runOnce();
        } catch (RuntimeException e) {
            LOG.error("The consent retention purge failed; it will run again: {}", e.toString());
        }
    }

    private static void stop(ScheduledExecutorService scheduler) throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(FINISH.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("The consent retention purge is still running after {}; closing without waiting for it", FINISH);
        }
    }
}
