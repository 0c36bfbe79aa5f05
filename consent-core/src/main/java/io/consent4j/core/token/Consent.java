/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a visitor chose, as carried in the signed consent cookie: which optional categories and
 * services they granted (everything else is denied), under which policy version, when, and until when.
 * A refusal is a consent with nothing granted, kept just as long (C16). Times have second precision.
 *
 * @param id the pseudonymous consent id
 * @param policyVersion the version of the policy the visitor saw
 * @param grantedCategories the optional categories granted
 * @param grantedServices the services granted
 * @param issuedAt when the choice was made
 * @param expiresAt when the choice stops counting (C18)
 * @param parentalConsent whether a parent gave this consent (C28)
 * @param ageBand what the site knew of the visitor's age when the choice was made
 * @param grantedUnderSignal whether the choice was made while GPC or DNT was sent, so that grants
 *     of sale/share categories are explicit despite the signal (C19)
 */
public record Consent(
        ConsentId id,
        int policyVersion,
        Set<String> grantedCategories,
        Set<String> grantedServices,
        Instant issuedAt,
        Instant expiresAt,
        boolean parentalConsent,
        AgeBand ageBand,
        boolean grantedUnderSignal) {

    /** Validates the consent and truncates its times to seconds. */
    public Consent {
        Objects.requireNonNull(id, "id");
        if (policyVersion < 1) {
            throw new IllegalArgumentException("policyVersion must be at least 1, was " + policyVersion);
        }
        grantedCategories = Collections.unmodifiableSet(new TreeSet<>(grantedCategories));
        grantedServices = Collections.unmodifiableSet(new TreeSet<>(grantedServices));
        issuedAt = Objects.requireNonNull(issuedAt, "issuedAt").truncatedTo(ChronoUnit.SECONDS);
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " must be after issuedAt " + issuedAt);
        }
        Objects.requireNonNull(ageBand, "ageBand");
    }

    /** Whether nothing optional was granted: a refusal. */
    public boolean isRefusal() {
        return grantedCategories.isEmpty() && grantedServices.isEmpty();
    }

    /** Whether the choice no longer counts at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
