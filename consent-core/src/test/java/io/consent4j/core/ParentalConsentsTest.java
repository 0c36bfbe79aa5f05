/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ParentalConsents.LinkState;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.ParentalLink;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parental consent by link: signed, expiring, single use, bound to the child's consent id (C28). */
class ParentalConsentsTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("site");
    private static final RequestSignals CHILD = RequestSignals.NONE.withAgeBand(AgeBand.UNKNOWN);

    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.NOW);
    private final InMemoryConsentLedger ledger = new InMemoryConsentLedger(
            LedgerSettings.builder(SIGNER).chainId("node-a").clock(clock).build());
    private final ConsentManager manager = ConsentManager.builder(Fixtures.policy(), Fixtures.codec(), ledger, SIGNER)
            .clock(clock)
            .build();
    private final ParentalConsents parental = manager.parental();

    @AfterEach
    void close() {
        ledger.close();
    }

    private ChoiceResult childWaitingForAParent() {
        return manager.record(
                ConsentChoice.rejectAll(),
                new ChoiceContext(
                        null, CHILD, CollectionPoint.FIRST_LAYER, Actor.VISITOR, "de", "/", null, null, null));
    }

    private static ChoiceContext parentContext() {
        return new ChoiceContext(
                null,
                RequestSignals.NONE,
                CollectionPoint.SETTINGS,
                Actor.VISITOR,
                "de",
                "/consent/parent",
                "UA",
                "203.0.113.9",
                "parents-own-account");
    }

    @Test
    void aParentsChoiceByLinkIsRecordedForTheChildAndReachesTheChildsCookie_C28() {
        ChoiceResult child = childWaitingForAParent();
        ParentalLink link = parental.issue(child.consent().id(), Duration.ofDays(7));
        String token = parental.token(link);

        ParentalLink read = parental.verify(token).orElseThrow();
        clock.advance(Duration.ofMinutes(5));
        ChoiceResult parent = parental.record(
                read, ConsentChoice.custom(java.util.Set.of("functional"), java.util.Set.of()), parentContext());

        assertThat(parent.record().content().consentId())
                .isEqualTo(child.consent().id());
        assertThat(parent.record().content().actor()).isEqualTo(Actor.PARENT);
        assertThat(parent.record().content().event()).isEqualTo(ConsentEvent.PARENTAL_CONSENT);
        assertThat(parent.record().content().accountRef())
                .as("the parent's account is not the child's")
                .isNull();
        assertThat(parent.record().content().details()).containsEntry(ParentalConsents.LINK_DETAIL, link.nonce());
        assertThat(parental.state(read)).isEqualTo(LinkState.USED);

        ChoiceResult delivered = parental.latest(child.consent(), CHILD).orElseThrow();
        ConsentDecision decision = manager.decide(delivered.cookieValue(), CHILD);
        assertThat(decision.parentalConsentRequired()).isFalse();
        assertThat(decision.allowedCategories()).contains("functional").doesNotContain("marketing");
        assertThat(parental.latest(delivered.consent(), CHILD)).isEmpty();
    }

    @Test
    void aUsedExpiredForgedOrForeignLinkGrantsNothing_C28() {
        ChoiceResult child = childWaitingForAParent();
        ParentalLink link = parental.issue(child.consent().id(), Duration.ofDays(7));
        String token = parental.token(link);
        parental.record(link, ConsentChoice.acceptAll(), parentContext());

        assertThatThrownBy(() -> parental.record(link, ConsentChoice.acceptAll(), parentContext()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("used");
        ParentalLink later = parental.issue(child.consent().id(), Duration.ofDays(7));
        clock.advance(Duration.ofDays(8));
        assertThat(parental.state(later)).isEqualTo(LinkState.EXPIRED);
        assertThat(parental.verify(Fixtures.forged(token))).isEmpty();
        assertThat(parental.verify(token.replace('.', 'x'))).isEmpty();
        assertThat(parental.verify("")).isEmpty();
        assertThat(parental.verify(null)).isEmpty();
        SigningKeys other = SigningKeys.of(SigningKey.generate("k9"));
        assertThat(ParentalLink.verify(link.encode(other), Fixtures.codec().keys()))
                .isEmpty();
        assertThat(manager.history(child.consent().id()))
                .extracting(r -> r.content().event())
                .containsExactly(ConsentEvent.GIVEN, ConsentEvent.PARENTAL_CONSENT);
    }

    @Test
    void aLinkCarriesOnlyTheConsentIdTimesAndNonce_C23_C28() {
        ChoiceResult child = childWaitingForAParent();
        ParentalLink link = parental.issue(child.consent().id(), Duration.ofDays(7));

        String token = parental.token(link);

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").hasSizeLessThan(140);
        assertThat(parental.verify(token)).contains(link);
    }
}
