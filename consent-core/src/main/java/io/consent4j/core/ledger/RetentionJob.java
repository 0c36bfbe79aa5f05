/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the retention period of consent records (C26): removes the records older than the period
 * and records the purge. Run it once with {@link #runOnce()} or on a schedule with {@link #start}.
 */
public final class RetentionJob implements AutoCloseable {

    /** The default retention: three years, the German regular limitation period for claims. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(3 * 365 + 1);

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final PurgeableConsentLedger ledger;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    /**
     * A job that keeps {@code retention} worth of records.
     *
     * @throws IllegalArgumentException when the retention is shorter than 13 months, the longest consent
     *     lifetime, since proof of a consent must outlive the consent
     */
    public RetentionJob(PurgeableConsentLedger ledger, Duration retention, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention == null || retention.compareTo(Duration.ofDays(396)) < 0) {
            throw new IllegalArgumentException("retention must be at least 13 months (396 days) so that proof outlives"
                    + " every consent, was " + retention);
        }
        this.retention = retention;
    }

    /** Purges once: removes records older than the retention period, if any. */
    public Optional<ConsentRecord> runOnce() {
        return ledger.purgeBefore(clock.instant().minus(retention));
    }

    /** Runs the purge now and then every {@code interval} on a daemon thread, until closed. */
    public synchronized RetentionJob start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("the retention job is already running");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "consent4j-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.error("The consent retention purge failed; it will run again: {}", e.toString());
        }
    }

    /** Stops the schedule. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
