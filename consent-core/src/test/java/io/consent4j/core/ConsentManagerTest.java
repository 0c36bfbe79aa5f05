/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.ConsentState;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.receipt.ConsentReceipt;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.ConsentId;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsentManagerTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("site");

    private final ConsentPolicy policy = Fixtures.policy();
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.NOW);
    private final InMemoryConsentLedger ledger = new InMemoryConsentLedger(
            LedgerSettings.builder(SIGNER).chainId("node-a").clock(clock).build());
    private final ConsentManager manager = ConsentManager.builder(policy, Fixtures.codec(), ledger, SIGNER)
            .clock(clock)
            .build();

    @AfterEach
    void close() {
        ledger.close();
    }

    private static ChoiceContext context(String cookie, CollectionPoint point) {
        return new ChoiceContext(
                cookie, RequestSignals.NONE, point, Actor.VISITOR, "de", "/kurse?x=1", "UA", "198.51.100.23", null);
    }

    @Test
    void acceptAllIsRecordedBeforeTheCookieGrantsEverything_C21() {
        ChoiceResult result = manager.record(ConsentChoice.acceptAll(), context(null, CollectionPoint.FIRST_LAYER));

        assertThat(result.record().content().event()).isEqualTo(ConsentEvent.GIVEN);
        assertThat(result.record().content().method()).isEqualTo(ConsentMethod.ACCEPT_ALL);
        assertThat(result.record().content().grantedServices()).hasSize(10);
        assertThat(ledger.findByConsentId(result.consent().id())).containsExactly(result.record());
        ConsentDecision decision = manager.decide(result.cookieValue(), RequestSignals.NONE);
        assertThat(decision.allowedCategories()).hasSize(4);
        assertThat(decision.allowedServices()).hasSize(10);
    }

    @Test
    void rejectAllIsRecordedAndKeptLikeConsent_C16() {
        ChoiceResult result = manager.record(ConsentChoice.rejectAll(), context(null, CollectionPoint.FIRST_LAYER));

        assertThat(result.record().content().grantedCategories()).containsExactly("necessary");
        ConsentDecision decision = manager.decide(result.cookieValue(), RequestSignals.NONE);
        assertThat(decision.state()).isEqualTo(ConsentState.DECIDED);
        assertThat(decision.showBanner()).isFalse();
        assertThat(result.consent().expiresAt())
                .isEqualTo(Fixtures.NOW
                        .atOffset(java.time.ZoneOffset.UTC)
                        .plusMonths(6)
                        .toInstant());
    }

    @Test
    void customChoiceStoresExactlyTheTogglesShown_C8() {
        ChoiceResult result = manager.record(
                ConsentChoice.custom(Set.of("analytics", "functional"), Set.of("matomo")),
                context(null, CollectionPoint.SETTINGS));

        assertThat(result.record().content().grantedCategories())
                .containsExactlyInAnyOrder("necessary", "analytics", "functional");
        assertThat(result.record().content().grantedServices())
                .as("a category without any listed service grants all of its services")
                .containsExactlyInAnyOrder("session", "payment", "matomo", "video", "chat", "fonts");
        assertThat(result.record().content().services()).containsEntry("google-analytics", false);
    }

    @Test
    void laterChoicesKeepTheConsentIdAndAreUpdates() {
        ChoiceResult first = manager.record(ConsentChoice.acceptAll(), context(null, CollectionPoint.FIRST_LAYER));
        clock.advance(Duration.ofMinutes(5));

        ChoiceResult second =
                manager.record(ConsentChoice.rejectAll(), context(first.cookieValue(), CollectionPoint.SETTINGS));

        assertThat(second.consent().id()).isEqualTo(first.consent().id());
        assertThat(second.record().content().event()).isEqualTo(ConsentEvent.UPDATED);
        assertThat(manager.history(first.consent().id())).hasSize(2);
    }

    @Test
    void withdrawalIsRecordedAndGrantsNothing_C14() {
        ChoiceResult first = manager.record(ConsentChoice.acceptAll(), context(null, CollectionPoint.FIRST_LAYER));

        ChoiceResult withdrawn =
                manager.record(ConsentChoice.withdraw(), context(first.cookieValue(), CollectionPoint.SETTINGS));

        assertThat(withdrawn.record().content().event()).isEqualTo(ConsentEvent.WITHDRAWN);
        assertThat(withdrawn.record().content().method()).isEqualTo(ConsentMethod.WITHDRAWAL);
        assertThat(manager.decide(withdrawn.cookieValue(), RequestSignals.NONE).allows("analytics"))
                .isFalse();
    }

    @Test
    void grantingOneServiceFromItsPlaceholderKeepsEarlierGrants() {
        ChoiceResult first = manager.record(
                ConsentChoice.custom(Set.of("analytics"), Set.of("matomo")), context(null, CollectionPoint.SETTINGS));

        ChoiceResult video = manager.record(
                ConsentChoice.grantService("video"), context(first.cookieValue(), CollectionPoint.EMBED_PLACEHOLDER));

        ConsentDecision decision = manager.decide(video.cookieValue(), RequestSignals.NONE);
        assertThat(decision.allows("video")).isTrue();
        assertThat(decision.allows("matomo")).isTrue();
        assertThat(decision.allows("functional")).isFalse();
        assertThat(video.record().content().collectionPoint()).isEqualTo(CollectionPoint.EMBED_PLACEHOLDER);
    }

    @Test
    void unknownIdsAreRejectedBeforeAnythingIsRecorded() {
        assertThatThrownBy(() -> manager.record(
                        ConsentChoice.custom(Set.of("tracking"), Set.of()), context(null, CollectionPoint.SETTINGS)))
                .hasMessageContaining("unknown category 'tracking'");
        assertThatThrownBy(() ->
                        manager.record(ConsentChoice.grantService("youtube"), context(null, CollectionPoint.SETTINGS)))
                .hasMessageContaining("unknown service 'youtube'");
        assertThat(ledger.verify().records()).isZero();
    }

    @Test
    void parentConsentIsRecordedAsSuchAndCountsForMinors_C28() {
        ChoiceContext parent = new ChoiceContext(
                null,
                RequestSignals.NONE.withAgeBand(AgeBand.UNDER_16),
                CollectionPoint.SETTINGS,
                Actor.PARENT,
                "de",
                "/kinder",
                "UA",
                null,
                null);

        ChoiceResult result = manager.record(ConsentChoice.custom(Set.of("functional"), Set.of()), parent);

        assertThat(result.record().content().event()).isEqualTo(ConsentEvent.PARENTAL_CONSENT);
        assertThat(result.record().content().actor()).isEqualTo(Actor.PARENT);
        assertThat(manager.decide(result.cookieValue(), RequestSignals.NONE.withAgeBand(AgeBand.UNDER_16))
                        .allows("video"))
                .isTrue();
    }

    @Test
    void expiryIsRecordedOnceWhenTheVisitorComesBack_C18() {
        ChoiceResult result = manager.record(ConsentChoice.acceptAll(), context(null, CollectionPoint.FIRST_LAYER));
        clock.advance(Duration.ofDays(200));
        ConsentDecision expired = manager.decide(result.cookieValue(), RequestSignals.NONE);

        ConsentRecord record = manager.recordImplied(expired, context(result.cookieValue(), CollectionPoint.SYSTEM))
                .orElseThrow();

        assertThat(record.content().event()).isEqualTo(ConsentEvent.EXPIRED);
        assertThat(record.content().method()).isEqualTo(ConsentMethod.EXPIRY);
        assertThat(manager.recordImplied(expired, context(result.cookieValue(), CollectionPoint.SYSTEM)))
                .isEmpty();
        assertThat(manager.history(result.consent().id())).hasSize(2);
    }

    @Test
    void signalThatDeniesGrantedCategoriesIsRecordedOnce_C19() {
        ChoiceResult result = manager.record(ConsentChoice.acceptAll(), context(null, CollectionPoint.FIRST_LAYER));
        RequestSignals gpc = RequestSignals.fromHeaders("1", null);
        ConsentDecision decision = manager.decide(result.cookieValue(), gpc);
        ChoiceContext withGpc = new ChoiceContext(
                result.cookieValue(), gpc, CollectionPoint.SYSTEM, Actor.VISITOR, "de", "/", "UA", null, null);

        ConsentRecord record = manager.recordImplied(decision, withGpc).orElseThrow();

        assertThat(record.content().event()).isEqualTo(ConsentEvent.SIGNAL_APPLIED);
        assertThat(record.content().signals()).containsExactly("gpc");
        assertThat(record.content().categories())
                .containsEntry("marketing", false)
                .containsEntry("analytics", true);
        assertThat(manager.recordImplied(decision, withGpc)).isEmpty();
    }

    @Test
    void gpcAndDntAreEachRecordedOncePerConsentAndBothTogetherCoverEither_C19() {
        ChoiceResult result = manager.record(ConsentChoice.acceptAll(), context(null, CollectionPoint.FIRST_LAYER));
        RequestSignals gpc = RequestSignals.fromHeaders("1", null);
        RequestSignals dnt = RequestSignals.fromHeaders(null, "1");
        RequestSignals both = RequestSignals.fromHeaders("1", "1");
        ConsentDecision byGpc = manager.decide(result.cookieValue(), gpc);
        ConsentDecision byDnt = manager.decide(result.cookieValue(), dnt);

        assertThat(manager.impliesNewRecord(byGpc, gpc)).isTrue();
        assertThat(manager.recordImplied(byGpc, signalContext(result, gpc))).isPresent();
        assertThat(manager.impliesNewRecord(byGpc, gpc)).isFalse();
        assertThat(manager.impliesNewRecord(byDnt, dnt)).isTrue();
        assertThat(manager.recordImplied(byDnt, signalContext(result, dnt))).isPresent();
        assertThat(manager.recordImplied(manager.decide(result.cookieValue(), both), signalContext(result, both)))
                .isPresent();

        ConsentManager restarted = ConsentManager.builder(policy, Fixtures.codec(), ledger, SIGNER)
                .clock(clock)
                .build();
        assertThat(restarted.recordImplied(byGpc, signalContext(result, gpc)))
                .as("the ledger remembers what a new node's cache does not")
                .isEmpty();
        assertThat(manager.history(result.consent().id()))
                .extracting(r -> r.content().event())
                .containsExactly(
                        ConsentEvent.GIVEN,
                        ConsentEvent.SIGNAL_APPLIED,
                        ConsentEvent.SIGNAL_APPLIED,
                        ConsentEvent.SIGNAL_APPLIED);
    }

    @Test
    void aDecisionWithoutSignalObjectionImpliesNoRecord_C19() {
        ChoiceResult result = manager.record(ConsentChoice.acceptAll(), context(null, CollectionPoint.FIRST_LAYER));

        assertThat(manager.impliesNewRecord(
                        manager.decide(result.cookieValue(), RequestSignals.NONE), RequestSignals.NONE))
                .isFalse();
    }

    private static ChoiceContext signalContext(ChoiceResult result, RequestSignals signals) {
        return new ChoiceContext(
                result.cookieValue(), signals, CollectionPoint.SYSTEM, Actor.SYSTEM, "de", "/", "UA", null, null);
    }

    @Test
    void receiptOfTheLatestStateVerifiesWithThePublicKey_C27() {
        ChoiceResult result = manager.record(ConsentChoice.acceptAll(), context(null, CollectionPoint.FIRST_LAYER));
        ChoiceResult later =
                manager.record(ConsentChoice.rejectAll(), context(result.cookieValue(), CollectionPoint.SETTINGS));

        String receipt = manager.receipt(result.consent().id()).orElseThrow();

        assertThat(ConsentReceipt.verify(SIGNER.verifier(), receipt)
                        .orElseThrow()
                        .matches(later.record()))
                .isTrue();
        assertThat(manager.receipt(ConsentId.random())).isEmpty();
    }

    @Test
    void receiptOfAnEarlierRecordIsSignedWhenAskedForAndAlwaysTheSame_C24_C27() {
        ChoiceResult result = manager.record(ConsentChoice.acceptAll(), context(null, CollectionPoint.FIRST_LAYER));
        manager.record(ConsentChoice.rejectAll(), context(result.cookieValue(), CollectionPoint.SETTINGS));
        ConsentId id = result.consent().id();
        String chain = result.record().chainId();
        long seq = result.record().sequence();

        String receipt = manager.receipt(id, chain, seq).orElseThrow();

        assertThat(ConsentReceipt.verify(SIGNER.verifier(), receipt)
                        .orElseThrow()
                        .matches(result.record()))
                .isTrue();
        assertThat(manager.receipt(id, chain, seq)).contains(receipt);
        assertThat(manager.receipt(ConsentId.random(), chain, seq)).isEmpty();
        assertThat(manager.receipt(id, chain, seq + 100)).isEmpty();
        assertThat(manager.receipt(id, chain + "x", seq)).isEmpty();
    }

    @Test
    void theDecisionOfARecordedChoiceIsTheDecisionItsCookieGives_C21() {
        // The manager decides from the consent it has just encoded instead of verifying the cookie again;
        // every choice, signal and age band must decide exactly as the cookie read back does.
        var choices = java.util.List.of(
                ConsentChoice.acceptAll(),
                ConsentChoice.rejectAll(),
                ConsentChoice.custom(Set.of("analytics"), Set.of("matomo")),
                ConsentChoice.grantService("video"),
                ConsentChoice.withdraw());
        for (ConsentChoice choice : choices) {
            for (AgeBand band : AgeBand.values()) {
                for (RequestSignals signals : java.util.List.of(
                        new RequestSignals(false, false, band),
                        new RequestSignals(true, false, band),
                        new RequestSignals(false, true, band))) {
                    for (Actor actor : Actor.values()) {
                        ChoiceContext context = new ChoiceContext(
                                null, signals, CollectionPoint.SETTINGS, actor, "de", "/", "UA", "198.51.100.23", null);
                        ChoiceResult result = manager.record(choice, context);

                        ConsentDecision fromCookie = io.consent4j.core.decision.ConsentDecider.decide(
                                policy,
                                Fixtures.codec().verify(result.cookieValue(), policy),
                                signals,
                                clock.instant());
                        assertThat(result.decision())
                                .as("%s by %s, %s", choice.kind(), actor, signals)
                                .isEqualTo(fromCookie);
                    }
                }
            }
        }
    }
}
