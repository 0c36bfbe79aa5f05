/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The accessors' deny-by-default answers; requests in a container are covered by the container tests. */
class ConsentRequestsTest {

    @Test
    void nullRequestIsAllowedNothingAndHasNoDecision() {
        assertThat(ConsentRequests.allowed(null, "necessary")).isFalse();
        assertThat(ConsentRequests.decision(null)).isEmpty();
    }

    @Test
    void attributeNameIsStable() {
        // Templates spell this name out, so changing it would break them.
        assertThat(ConsentRequests.DECISION_ATTRIBUTE).isEqualTo("io.consent4j.servlet.ConsentDecision");
    }
}
