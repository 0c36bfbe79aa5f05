/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.LedgerInsights.CategoryCount;
import io.consent4j.core.ledger.LedgerInsights.ChoiceCount;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's {@link LedgerInsights} must count: the same numbers the records say, whether the store
 * adds them up by reading the records or keeps counters. Subclass it for a store, as
 * {@link ConsentLedgerContract}.
 */
public abstract class LedgerInsightsContract {

    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("insights-test");

    private final ConsentPolicy policy = Fixtures.policy();
    private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.NOW);
    private final List<ConsentLedger> opened = new ArrayList<>();
    private final LocalDate today = Fixtures.NOW.atOffset(ZoneOffset.UTC).toLocalDate();

    /** Creates a fresh, empty store for one test. */
    protected abstract void openStore() throws Exception;

    /** Releases the store after a test. */
    protected void closeStore() throws Exception {}

    /** Opens a ledger on this test's store. */
    protected abstract ConsentLedger openLedger(LedgerSettings settings);

    @BeforeEach
    void setUpStore() throws Exception {
        openStore();
    }

    @AfterEach
    void tearDownStore() throws Exception {
        opened.forEach(ConsentLedger::close);
        closeStore();
    }

    private ConsentLedger open(String chainId) {
        ConsentLedger ledger = openLedger(LedgerSettings.builder(SIGNER)
                .chainId(chainId)
                .clock(clock)
                .checkpointEvery(1000)
                .build());
        opened.add(ledger);
        ledger.archive(policy);
        return ledger;
    }

    private RecordContent choice(ConsentEvent event, ConsentMethod method, CollectionPoint point, Set<String> granted) {
        return RecordContent.builder(policy, event)
                .consentId(ConsentId.random())
                .method(method)
                .collectionPoint(point)
                .granted(granted, Set.of())
                .build();
    }

    @Test
    void emptyLedgerHasNoCounts() {
        ConsentLedger ledger = open("node-a");

        assertThat(ledger.insights().overview().records()).isZero();
        assertThat(ledger.insights().overview().oldestRecord()).isNull();
        assertThat(ledger.insights().choices(today.minusDays(9), today.plusDays(9)))
                .isEmpty();
        assertThat(ledger.insights().policyUses()).isEmpty();
    }

    @Test
    void countsChoicesPerDayMethodAndCollectionPoint_C22() {
        ConsentLedger ledger = open("node-a");
        ledger.append(choice(
                ConsentEvent.GIVEN,
                ConsentMethod.ACCEPT_ALL,
                CollectionPoint.FIRST_LAYER,
                Set.of("analytics", "marketing", "functional")));
        ledger.append(choice(
                ConsentEvent.GIVEN,
                ConsentMethod.ACCEPT_ALL,
                CollectionPoint.FIRST_LAYER,
                Set.of("analytics", "marketing", "functional")));
        ledger.append(choice(ConsentEvent.GIVEN, ConsentMethod.REJECT_ALL, CollectionPoint.NO_SCRIPT_FORM, Set.of()));
        clock.advance(Duration.ofDays(1));
        ledger.append(
                choice(ConsentEvent.UPDATED, ConsentMethod.CUSTOM, CollectionPoint.SETTINGS, Set.of("analytics")));
        ledger.append(choice(ConsentEvent.WITHDRAWN, ConsentMethod.WITHDRAWAL, CollectionPoint.SETTINGS, Set.of()));

        List<ChoiceCount> counts = ledger.insights().choices(today, today.plusDays(2));

        Map<String, Long> byKind = new TreeMap<>();
        counts.forEach(c -> byKind.merge(
                c.day() + " " + c.method().jsonName() + " "
                        + c.collectionPoint().jsonName(),
                c.count(),
                Long::sum));
        assertThat(byKind)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        today + " accept_all first_layer", 2L,
                        today + " reject_all no_script_form", 1L,
                        today.plusDays(1) + " custom settings", 1L,
                        today.plusDays(1) + " withdrawal settings", 1L));
        assertThat(ledger.insights().choices(today.plusDays(1), today.plusDays(2)))
                .extracting(ChoiceCount::count)
                .containsExactly(1L, 1L);
    }

    @Test
    void countsGrantRatePerCategory() {
        ConsentLedger ledger = open("node-a");
        ledger.append(choice(ConsentEvent.GIVEN, ConsentMethod.CUSTOM, CollectionPoint.SETTINGS, Set.of("analytics")));
        ledger.append(choice(ConsentEvent.GIVEN, ConsentMethod.CUSTOM, CollectionPoint.SETTINGS, Set.of("analytics")));
        ledger.append(choice(ConsentEvent.GIVEN, ConsentMethod.REJECT_ALL, CollectionPoint.SETTINGS, Set.of()));

        Map<String, long[]> perCategory = new TreeMap<>();
        for (CategoryCount c : ledger.insights().categories(today, today.plusDays(1))) {
            long[] n = perCategory.computeIfAbsent(c.category(), k -> new long[2]);
            n[0] += c.choices();
            n[1] += c.granted();
        }
        assertThat(perCategory.get("analytics")).containsExactly(3, 2);
        assertThat(perCategory.get("marketing")).containsExactly(3, 0);
        assertThat(perCategory.get("necessary")).containsExactly(3, 3);
    }

    @Test
    void countsSignalsAndParentalConsents() {
        ConsentLedger ledger = open("node-a");
        ledger.append(RecordContent.builder(policy, ConsentEvent.SIGNAL_APPLIED)
                .consentId(ConsentId.random())
                .method(ConsentMethod.SIGNAL)
                .collectionPoint(CollectionPoint.SYSTEM)
                .signal("gpc")
                .signal("dnt")
                .build());
        ledger.append(RecordContent.builder(policy, ConsentEvent.PARENTAL_CONSENT)
                .consentId(ConsentId.random())
                .actor(Actor.PARENT)
                .method(ConsentMethod.CUSTOM)
                .collectionPoint(CollectionPoint.SETTINGS)
                .build());

        List<ChoiceCount> counts = ledger.insights().choices(today, today.plusDays(1));

        assertThat(counts)
                .filteredOn(ChoiceCount::gpc)
                .extracting(ChoiceCount::count)
                .containsExactly(1L);
        assertThat(counts)
                .filteredOn(ChoiceCount::dnt)
                .extracting(ChoiceCount::count)
                .containsExactly(1L);
        assertThat(counts)
                .filteredOn(ChoiceCount::parental)
                .extracting(ChoiceCount::event)
                .containsExactly(ConsentEvent.PARENTAL_CONSENT);
    }

    @Test
    void overviewCountsEveryChainAndTheOldestRecord() {
        ConsentLedger a = open("node-a");
        ConsentLedger b = open("node-b");
        ConsentRecord first =
                a.append(choice(ConsentEvent.GIVEN, ConsentMethod.ACCEPT_ALL, CollectionPoint.FIRST_LAYER, Set.of()));
        clock.advance(Duration.ofHours(1));
        a.append(choice(ConsentEvent.GIVEN, ConsentMethod.ACCEPT_ALL, CollectionPoint.FIRST_LAYER, Set.of()));
        ConsentRecord last =
                b.append(choice(ConsentEvent.GIVEN, ConsentMethod.ACCEPT_ALL, CollectionPoint.FIRST_LAYER, Set.of()));

        // Another node's chain may be found through its checkpoints: a store need not scan the records for it.
        ((AbstractConsentLedger) b).checkpoint();

        LedgerInsights.Overview overview = a.insights().overview();

        assertThat(overview.records()).isEqualTo(3);
        assertThat(overview.oldestRecord()).isEqualTo(first.recordedAt());
        assertThat(overview.chains())
                .extracting(
                        LedgerInsights.ChainSummary::chainId,
                        LedgerInsights.ChainSummary::records,
                        LedgerInsights.ChainSummary::lastSequence)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("node-a", 2L, 2L),
                        org.assertj.core.groups.Tuple.tuple("node-b", 1L, 1L));
        assertThat(overview.chains())
                .filteredOn(c -> c.chainId().equals("node-b"))
                .extracting(LedgerInsights.ChainSummary::lastRecordedAt)
                .containsExactly(last.recordedAt());
    }

    @Test
    void countsAddedLaterAreAddedOnceAndPolicyFirstUseIsKept() {
        ConsentLedger ledger = open("node-a");
        ConsentRecord first = ledger.append(
                choice(ConsentEvent.GIVEN, ConsentMethod.ACCEPT_ALL, CollectionPoint.FIRST_LAYER, Set.of()));
        assertThat(ledger.insights().policyUses()).singleElement().satisfies(p -> {
            assertThat(p.records()).isEqualTo(1);
            assertThat(p.firstUsed()).isEqualTo(first.recordedAt());
        });
        clock.advance(Duration.ofMinutes(5));
        ledger.append(choice(ConsentEvent.GIVEN, ConsentMethod.ACCEPT_ALL, CollectionPoint.FIRST_LAYER, Set.of()));
        ledger.append(choice(ConsentEvent.GIVEN, ConsentMethod.ACCEPT_ALL, CollectionPoint.FIRST_LAYER, Set.of()));

        assertThat(ledger.insights().policyUses()).singleElement().satisfies(p -> {
            assertThat(p.records()).isEqualTo(3);
            assertThat(p.version()).isEqualTo(policy.version());
            assertThat(p.policyHash()).isEqualTo(policy.contentHash());
            assertThat(p.firstUsed()).isEqualTo(first.recordedAt());
        });
        assertThat(ledger.insights().choices(today, today.plusDays(1)))
                .extracting(ChoiceCount::count)
                .containsExactly(3L);
        assertThat(ledger.insights().choices(today, today.plusDays(1)))
                .extracting(ChoiceCount::count)
                .containsExactly(3L);
    }

    @Test
    void countingGoesOnAfterThePurgeRemovedRecordsNotYetCounted_C26() {
        ConsentLedger ledger = open("node-a");
        for (int i = 0; i < 3; i++) {
            ledger.append(choice(ConsentEvent.GIVEN, ConsentMethod.ACCEPT_ALL, CollectionPoint.FIRST_LAYER, Set.of()));
        }
        clock.advance(Duration.ofDays(2));
        ledger.append(choice(ConsentEvent.GIVEN, ConsentMethod.REJECT_ALL, CollectionPoint.FIRST_LAYER, Set.of()));
        ledger.append(choice(ConsentEvent.GIVEN, ConsentMethod.REJECT_ALL, CollectionPoint.FIRST_LAYER, Set.of()));

        ((PurgeableConsentLedger) ledger).purgeBefore(Fixtures.NOW.plus(Duration.ofDays(1)));

        assertThat(ledger.insights().choices(today, today.plusDays(3)))
                .extracting(ChoiceCount::method, ChoiceCount::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ConsentMethod.REJECT_ALL, 2L));
        assertThat(ledger.insights().overview().records()).isEqualTo(3); // two choices and the purge record
    }
}
