/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet.parity;

import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.servlet.RetentionScheduler;
import java.time.Duration;
import java.util.Optional;

/**
 * A retention schedule that runs only when a scenario says so: it keeps the job the assembly starts,
 * and {@link #runNow()} purges once, on the site's clock.
 */
public final class ManualRetention implements RetentionScheduler {

    private volatile RetentionJob job;
    private volatile Duration interval;

    @Override
    public AutoCloseable schedule(RetentionJob job, Duration interval) {
        this.job = job;
        this.interval = interval;
        return () -> this.job = null;
    }

    /** Whether the assembly started the job and has not stopped it. */
    public boolean started() {
        return job != null;
    }

    /** The interval the assembly asked for. */
    public Duration interval() {
        return interval;
    }

    /** Purges once, as the schedule would; the purge record, or empty when nothing was old enough. */
    public Optional<ConsentRecord> runNow() {
        RetentionJob started = job;
        if (started == null) {
            throw new IllegalStateException("the retention job was not started, or was stopped");
        }
        return started.runOnce();
    }
}
