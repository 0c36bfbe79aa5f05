/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.RetentionJob;
import java.time.Duration;

/**
 * When the retention purge (C26) runs: {@link ConsentAssembly#start()} hands its {@link RetentionJob} to
 * this hook, and {@link ConsentAssembly#close()} closes what the hook returned. The default,
 * {@link #DAEMON_THREAD}, purges at once and then every interval on a daemon thread of its own; a test
 * can keep the job and call {@link RetentionJob#runOnce()} itself, after moving its clock.
 *
 * <p>Closing what {@link #schedule} returned must not return while a purge is running, since the ledger
 * is closed right after it.
 */
@FunctionalInterface
public interface RetentionScheduler {

    /**
     * Purges now and then every interval on a daemon thread; closing lets a running purge finish (it
     * never interrupts one) and stops the rest.
     */
    RetentionScheduler DAEMON_THREAD = new DaemonRetentionScheduler();

    /**
     * Starts running {@code job}.
     *
     * @param job the purge, ready to run
     * @param interval how often the purge should run ({@code consent4j.ledger.retention-interval})
     * @return what stops the runs when closed
     */
    AutoCloseable schedule(RetentionJob job, Duration interval);
}
