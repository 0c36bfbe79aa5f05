/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.policy.ConsentPolicy;

/**
 * Adjusts the policy the starter loads, before the {@link io.consent4j.core.ConsentManager} uses it: for
 * example to add a service in code ({@code policy.toBuilder().service(...).build()}). Every bean of this
 * type is applied, in their order.
 */
@FunctionalInterface
public interface ConsentPolicyCustomizer {

    /** The policy to use instead of {@code policy}; return it unchanged to keep it. */
    ConsentPolicy customize(ConsentPolicy policy);
}
