/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.ConsentState;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.Consent;
import java.util.Set;

/**
 * The JSON text of a visitor's {@linkplain StateJson#state state}, as the answer to every posted choice
 * and {@code consent-mode.js} carry it. Apart from the consent id and the expiry, the state is the same
 * for every visitor whose decision has the same shape (what is allowed, what a signal denied, whether
 * the banner shows), and the sites' visitors fall into a handful of shapes: accept all, reject all, a few
 * common custom choices. So the text is rendered once per shape by {@link StateJson#state}, the one
 * writer of the format, and kept as the fragments around the two values that differ; a state is then
 * these fragments with the visitor's id and expiry between them.
 */
final class StateText {

    /** Shapes kept; a shape is a few hundred bytes to a few KB of text. */
    private static final int MAX_SHAPES = 512;

    private static final Cache<Shape, Template> TEMPLATES =
            Caffeine.newBuilder().maximumSize(MAX_SHAPES).build();

    private StateText() {}

    /** The state's JSON text, equal to {@code StateJson.state(policy, decision, endpoint)} written out. */
    static String of(ConsentPolicy policy, ConsentDecision decision, String endpoint) {
        Consent consent = decision.consent();
        Shape shape = new Shape(
                policy,
                endpoint,
                decision.state(),
                decision.showBanner(),
                decision.parentalConsentRequired(),
                consent != null,
                decision.allowedCategories(),
                decision.allowedServices(),
                decision.deniedBySignal());
        Template template = TEMPLATES.getIfPresent(shape);
        if (template != null) {
            return template.fill(consent);
        }
        String text = Problem.JSON.writeValueAsString(StateJson.state(policy, decision, endpoint));
        template = Template.of(text, consent);
        if (template != null) {
            TEMPLATES.put(shape, template);
        }
        return text;
    }

    /** Everything a state's text depends on, except the consent id and expiry. */
    private record Shape(
            ConsentPolicy policy,
            String endpoint,
            ConsentState state,
            boolean showBanner,
            boolean parentalConsentRequired,
            boolean hasConsent,
            Set<String> categories,
            Set<String> services,
            Set<String> deniedBySignal) {}

    /**
     * A state's text cut around its consent id and expiry: {@code head}, id, {@code middle}, expiry,
     * {@code tail}; or, for a state without a consent, the whole text in {@code head}.
     */
    private record Template(String head, String middle, String tail) {

        /** How the two members begin, up to their values' first character. */
        private static final String ID_MEMBER = "\"consentId\":\"";

        private static final String EXPIRES_MEMBER = "\"expiresAt\":\"";

        /**
         * The template of {@code text}, the state of {@code consent}; null when the id and expiry cannot
         * be found exactly once each, which then keeps that shape from being cached.
         */
        static Template of(String text, Consent consent) {
            if (consent == null) {
                return new Template(text, null, null);
            }
            String id = consent.id().toString();
            String expires = consent.expiresAt().toString();
            String idMember = ID_MEMBER + id + "\"";
            String expiresMember = EXPIRES_MEMBER + expires + "\"";
            int at = text.indexOf(idMember);
            int end = text.indexOf(expiresMember);
            if (at < 0
                    || end < at + idMember.length()
                    || text.indexOf(idMember, at + 1) >= 0
                    || text.indexOf(expiresMember, end + 1) >= 0) {
                return null;
            }
            int idStart = at + ID_MEMBER.length();
            int expiresStart = end + EXPIRES_MEMBER.length();
            return new Template(
                    text.substring(0, idStart),
                    text.substring(idStart + id.length(), expiresStart),
                    text.substring(expiresStart + expires.length()));
        }

        String fill(Consent consent) {
            if (middle == null) {
                return head;
            }
            String id = consent.id().toString();
            String expires = consent.expiresAt().toString();
            return new StringBuilder(head.length() + middle.length() + tail.length() + id.length() + expires.length())
                    .append(head)
                    .append(id)
                    .append(middle)
                    .append(expires)
                    .append(tail)
                    .toString();
        }
    }
}
