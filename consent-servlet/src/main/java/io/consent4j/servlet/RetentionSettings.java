/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.time.Duration;

/**
 * How long {@link ConsentSettings} keep records, and when the retention job purges older ones (C26).
 *
 * @param retention {@value ConsentSettings#LEDGER_RETENTION}
 * @param interval {@value ConsentSettings#LEDGER_RETENTION_INTERVAL}
 * @param scheduler when the retention job runs
 */
record RetentionSettings(Duration retention, Duration interval, RetentionScheduler scheduler) {

    /** The shortest retention: 13 months (396 days), the longest a consent lasts, so that its proof outlives it. */
    static final Duration SHORTEST = Duration.ofDays(396);

    /** The retention settings among {@code v}. */
    static RetentionSettings of(SettingsValues v) {
        return new RetentionSettings(v.retention, v.retentionInterval, v.retentionScheduler);
    }

    /**
     * Checks {@value ConsentSettings#LEDGER_RETENTION}.
     *
     * @throws IllegalArgumentException naming the property when the retention is not positive or shorter
     *     than {@link #SHORTEST}
     */
    static Duration checkRetention(Duration retention) {
        SettingChecks.positive(ConsentSettings.LEDGER_RETENTION, retention);
        if (retention.compareTo(SHORTEST) < 0) {
            throw SettingChecks.bad(
                    ConsentSettings.LEDGER_RETENTION,
                    retention,
                    "must be at least 13 months (396 days), so that proof outlives every consent");
        }
        return retention;
    }
}
