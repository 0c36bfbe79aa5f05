/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.ParentalLink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Parental consent by link (GDPR Art. 8, C28), so that a parent can consent without the child's device.
 * The child's banner asks for a {@linkplain #issue link} bound to the child's consent id; the parent opens
 * it anywhere and {@linkplain #record chooses}; the choice is recorded for the child's consent id with
 * actor {@code parent} and event {@code parental_consent}, and the child's next page view
 * {@linkplain #latest finds it} in the ledger and gets a cookie that carries it.
 *
 * <p>A link is single use: the parent's record keeps the link's nonce in its details under
 * {@value #LINK_DETAIL}, and a link whose nonce a record names is used. The ledger decides this, so it
 * holds across restarts and nodes. Get one from {@link ConsentManager#parental()}; thread-safe.
 */
public final class ParentalConsents {

    /** The record detail that names the nonce of the link a parent chose through. */
    public static final String LINK_DETAIL = "parentalLink";

    /** What a link is worth now. */
    public enum LinkState {
        /** Signed, unexpired and unused: the parent may choose. */
        VALID,
        /** Past its expiry. */
        EXPIRED,
        /** A parent has chosen through it already. */
        USED
    }

    private final ConsentManager manager;

    ParentalConsents(ConsentManager manager) {
        this.manager = manager;
    }

    /** A new link for the child's consent id, counting for {@code lifetime} from now. */
    public ParentalLink issue(ConsentId child, Duration lifetime) {
        Objects.requireNonNull(child, "child");
        if (lifetime == null || lifetime.isNegative() || lifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("lifetime must be at least one second, was " + lifetime);
        }
        Instant now = manager.clock().instant();
        return ParentalLink.issue(child, now, now.plus(lifetime));
    }

    /** The signed token of {@code link}, for a URL. */
    public String token(ParentalLink link) {
        return link.encode(manager.codec().keys());
    }

    /** The link a token carries when the cookie keys signed it; empty for a forged or malformed token. */
    public Optional<ParentalLink> verify(String token) {
        return ParentalLink.verify(token, manager.codec().keys());
    }

    /** Whether {@code link} may still be used, by the clock and the child's records. */
    public LinkState state(ParentalLink link) {
        if (link.isExpiredAt(manager.clock().instant())) {
            return LinkState.EXPIRED;
        }
        boolean used = manager.history(link.consentId()).stream()
                .anyMatch(r -> r.content().event() == ConsentEvent.PARENTAL_CONSENT
                        && link.nonce().equals(r.content().details().get(LINK_DETAIL)));
        return used ? LinkState.USED : LinkState.VALID;
    }

    /**
     * Records a parent's choice through {@code link} for the child's consent id: actor {@code parent},
     * event {@code parental_consent}. The result's cookie is the child's, for whoever delivers it; the
     * parent's device is not the child's and should not be given it.
     *
     * @throws IllegalStateException when the link is expired or used
     * @throws IllegalArgumentException naming an unknown category or service
     * @throws io.consent4j.core.ledger.LedgerException when the record could not be stored
     */
    public ChoiceResult record(ParentalLink link, ConsentChoice choice, ChoiceContext context) {
        LinkState state = state(link);
        if (state != LinkState.VALID) {
            throw new IllegalStateException(
                    "the parental link is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (choice.kind() == ConsentChoice.Kind.WITHDRAW || choice.kind() == ConsentChoice.Kind.GRANT_SERVICE) {
            throw new IllegalArgumentException(
                    "a parent chooses accept all, reject all or custom, not " + choice.kind());
        }
        ChoiceContext parent = new ChoiceContext(
                null,
                childSignals(context.signals()),
                context.collectionPoint(),
                Actor.PARENT,
                context.locale(),
                context.path(),
                context.userAgent(),
                context.clientAddress(),
                null);
        return manager.record(choice, parent, link.consentId(), link.nonce());
    }

    /**
     * The parent's choice for a child whose cookie does not carry one yet: the latest
     * {@code parental_consent} record of the consent's id made after the cookie was issued, as a cookie
     * for the child; empty when there is none, or the consent carries a parent's choice already.
     */
    public Optional<ChoiceResult> latest(Consent child, RequestSignals signals) {
        if (child == null || child.parentalConsent()) {
            return Optional.empty();
        }
        List<ConsentRecord> history = manager.history(child.id());
        for (int i = history.size() - 1; i >= 0; i--) {
            ConsentRecord record = history.get(i);
            if (record.recordedAt().isBefore(child.issuedAt())) {
                break;
            }
            if (record.content().event() == ConsentEvent.PARENTAL_CONSENT) {
                return Optional.of(manager.issue(record, true, childSignals(signals)));
            }
            if (record.content().event() == ConsentEvent.WITHDRAWN
                    || record.content().event() == ConsentEvent.GIVEN
                    || record.content().event() == ConsentEvent.UPDATED) {
                // A later choice of the child's own device stands over an older parent's choice.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * A child's consent is marked as a minor's, so that it counts only with the parent's flag, even on
     * pages that mark no age; the parent's own signals are not the child's.
     */
    private static RequestSignals childSignals(RequestSignals signals) {
        AgeBand band = signals.ageBand().needsParentalConsent() ? signals.ageBand() : AgeBand.UNKNOWN;
        return new RequestSignals(false, false, band);
    }
}
