/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.policy.ConsentPolicy;

/**
 * Where the policy of {@link ConsentSettings} comes from: given in code, or read by {@link PolicyLoader}
 * from a location, strictly or not.
 *
 * @param given the policy given in code, which wins over {@code location}; or null
 * @param location {@value ConsentSettings#POLICY_LOCATION}, or null
 * @param strict {@value ConsentSettings#POLICY_STRICT}
 */
record PolicySource(ConsentPolicy given, String location, boolean strict) {

    /** The policy source among {@code v}. */
    static PolicySource of(SettingsValues v) {
        return new PolicySource(v.policy, v.policyLocation, v.policyStrict);
    }
}
