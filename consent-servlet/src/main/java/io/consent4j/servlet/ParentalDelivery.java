/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.consent4j.core.ChoiceResult;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a parent's choice to the child's device (C28). The parent chose on another device, so the
 * child's cookie does not know it; when a child's request is decided "a parent must consent" and its
 * consent carries no parent's choice, the filter asks here, and this reads the child's records in the
 * ledger for a {@code parental_consent} made after the cookie was issued. If there is one, the filter
 * sets the cookie it makes and decides the request with it.
 *
 * <p>The look-up is bounded: a consent id found without a parent's choice is remembered for
 * {@value #MISS_SECONDS} seconds (at most {@value #MAX_ENTRIES} ids), so a child waiting for a parent
 * costs one ledger read per half minute at most. A parent's choice made through this node clears the
 * entry at once; one made through another node reaches the child within that time.
 */
final class ParentalDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ParentalDelivery.class);

    static final int MISS_SECONDS = 30;
    static final int MAX_ENTRIES = 100_000;

    private final ConsentManager manager;
    private final ConsentCookieHeader cookie;
    private final Cache<ConsentId, Boolean> noParentYet;

    ParentalDelivery(ConsentManager manager, ConsentCookieHeader cookie) {
        this.manager = manager;
        this.cookie = cookie;
        this.noParentYet = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(Duration.ofSeconds(MISS_SECONDS))
                .build();
    }

    /** The parent's choice for the child whose request was decided so, as a cookie; empty otherwise. */
    Optional<ChoiceResult> find(ConsentDecision decision, RequestSignals signals) {
        Consent consent = decision.consent();
        if (!decision.parentalConsentRequired() || consent == null || consent.parentalConsent()) {
            return Optional.empty();
        }
        if (noParentYet.getIfPresent(consent.id()) != null) {
            return Optional.empty();
        }
        try {
            Optional<ChoiceResult> found = manager.parental().latest(consent, signals);
            if (found.isEmpty()) {
                noParentYet.put(consent.id(), Boolean.TRUE);
            }
            return found;
        } catch (RuntimeException e) {
            // The child keeps necessary only for now; the next page view asks again.
            LOG.warn("consent4j could not look up a parent's choice: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Forgets that {@code child} had no parent's choice: one was just recorded. */
    void chosen(ConsentId child) {
        noParentYet.invalidate(child);
    }

    /** The consent cookie this delivery sets. */
    ConsentCookieHeader cookie() {
        return cookie;
    }

    /** Adds the child's new consent cookie to {@code response}. */
    void setCookie(HttpServletResponse response, ChoiceResult result) {
        cookie.addTo(response, result, manager.decider().clock().instant());
    }
}
