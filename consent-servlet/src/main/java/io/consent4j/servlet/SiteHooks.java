/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The site's own code that {@link ConsentSettings} plug in: what only the application knows about a
 * visitor, and the listeners that measure the filter.
 *
 * @param ageBandResolver the age-band hook (C28), or null when the site marks no visitor
 * @param accountReferenceResolver the account-reference hook (C22), or null when no visitor is signed in
 * @param decisionListeners told of every decision the filter makes, in order
 * @param cookieDropListeners told of every cookie the filter drops, in order
 * @param impliedRecordExecutor runs the recording of signals and expiries the filter sees, or null for
 *     the assembly's own single thread
 * @param parentalLinkSender sends a child's parental-consent link to a parent, or null to show it (C28)
 * @param parentalLinkLifetime how long a parental-consent link counts
 */
record SiteHooks(
        AgeBandResolver ageBandResolver,
        AccountReferenceResolver accountReferenceResolver,
        List<DecisionListener> decisionListeners,
        List<CookieDropListener> cookieDropListeners,
        Executor impliedRecordExecutor,
        ParentalLinkSender parentalLinkSender,
        Duration parentalLinkLifetime) {

    /** The site's hooks among {@code v}. */
    static SiteHooks of(SettingsValues v) {
        return new SiteHooks(
                v.ageBandResolver,
                v.accountReferenceResolver,
                v.decisionListeners,
                v.cookieDropListeners,
                v.impliedRecordExecutor,
                v.parentalLinkSender,
                v.parentalLinkLifetime);
    }

    /** Checks how long a parental-consent link counts: a minute to 30 days. */
    static Duration checkParentalLinkLifetime(Duration lifetime) {
        if (lifetime == null
                || lifetime.compareTo(Duration.ofMinutes(1)) < 0
                || lifetime.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException(
                    "consent4j setting 'parentalLinkLifetime' must be between 1 minute and 30 days, was " + lifetime);
        }
        return lifetime;
    }

    SiteHooks {
        decisionListeners = List.copyOf(decisionListeners);
        cookieDropListeners = List.copyOf(cookieDropListeners);
    }
}
