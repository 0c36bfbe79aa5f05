/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.time.Duration;

/**
 * Whether a signed-in visitor's choice follows them to their other devices, and how soon (see
 * {@link AccountSync}).
 *
 * @param restore {@value ConsentSettings#ACCOUNT_RESTORE}
 * @param checkInterval {@value ConsentSettings#ACCOUNT_CHECK_INTERVAL}
 */
record AccountSettings(boolean restore, Duration checkInterval) {

    /** How long a device trusts what it last read of an account's choices unless set. */
    static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(5);

    /** The longest check interval: a withdrawal must not wait long to reach the other devices. */
    static final Duration LONGEST_CHECK_INTERVAL = Duration.ofMinutes(10);

    /** The account settings among {@code v}. */
    static AccountSettings of(SettingsValues v) {
        return new AccountSettings(v.accountRestore, v.accountCheckInterval);
    }

    /**
     * Checks {@value ConsentSettings#ACCOUNT_CHECK_INTERVAL}: zero (read the ledger on every request of a
     * signed-in visitor) up to ten minutes.
     *
     * @throws IllegalArgumentException naming the property when it is negative or longer
     */
    static Duration checkInterval(Duration interval) {
        if (interval == null || interval.isNegative() || interval.compareTo(LONGEST_CHECK_INTERVAL) > 0) {
            throw SettingChecks.bad(
                    ConsentSettings.ACCOUNT_CHECK_INTERVAL, interval, "must be between 0s and 10m, such as 5s");
        }
        return interval;
    }
}
