/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ConsentId;
import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.VerificationReport.Failure;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.receipt.ReceiptSigner;
import io.consent4j.core.receipt.ReceiptVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ConsentLedger} store must show. Subclass it for a store: create a fresh,
 * empty store in {@link #openStore()}, open ledgers on it in {@link #open}, and implement the tamper
 * hooks by changing the stored rows directly (SQL for a database), the way an attacker with database
 * access would. Shipped in consent-core's test jar so that other stores can run it too.
 */
public abstract class ConsentLedgerContract {

    protected static final ReceiptSigner SIGNER = ReceiptSigner.generate("ledger-test");

    protected final ConsentPolicy policy = Fixtures.policy();
    protected final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.NOW);
    private final List<ConsentLedger> opened = new ArrayList<>();

    /** Creates a fresh, empty store for one test. */
    protected abstract void openStore() throws Exception;

    /** Releases the store after a test. */
    protected void closeStore() throws Exception {}

    /** Opens a ledger on this test's store. */
    protected abstract ConsentLedger openLedger(LedgerSettings settings);

    /** Replaces the stored body of a record, leaving its hashes. */
    protected abstract void tamperChangeBody(String chainId, long sequence, String newBody) throws Exception;

    /** Deletes a stored record. */
    protected abstract void tamperDelete(String chainId, long sequence) throws Exception;

    /** Inserts a stored record as given (its sequence may repeat an existing one). */
    protected abstract void tamperInsert(StoredRecord row) throws Exception;

    /** Swaps the positions (sequence numbers) of two stored records. */
    protected abstract void tamperSwap(String chainId, long first, long second) throws Exception;

    @BeforeEach
    void setUpStore() throws Exception {
        openStore();
    }

    @AfterEach
    void tearDownStore() throws Exception {
        opened.forEach(ConsentLedger::close);
        closeStore();
    }

    protected ConsentLedger open(String chainId) {
        return open(LedgerSettings.builder(SIGNER)
                .chainId(chainId)
                .clock(clock)
                .checkpointEvery(10)
                .build());
    }

    protected ConsentLedger open(LedgerSettings settings) {
        ConsentLedger ledger = openLedger(settings);
        opened.add(ledger);
        ledger.archive(policy);
        return ledger;
    }

    protected RecordDraft given(ConsentId id) {
        return RecordDraft.builder(policy, ConsentEvent.GIVEN)
                .consentId(id)
                .method(ConsentMethod.CUSTOM)
                .collectionPoint(CollectionPoint.SETTINGS)
                .granted(Set.of("analytics"), Set.of("matomo"))
                .locale("de")
                .path("/kurse/java?utm_source=newsletter")
                .userAgent("Mozilla/5.0 (X11; Linux x86_64)")
                .clientAddress("203.0.113.77")
                .signal("gpc")
                .build();
    }

    protected List<ConsentRecord> appendMany(ConsentLedger ledger, int count) {
        List<ConsentRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clock.advance(Duration.ofSeconds(1));
            records.add(ledger.append(given(ConsentId.random())));
        }
        return records;
    }

    /**
     * Waits until every one of {@code threads} waits for the result of its append: then its append is
     * queued for the writer. Fails only after 30 s, which takes a hang.
     */
    protected static void awaitQueuedAppends(Collection<Thread> threads) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread thread : threads) {
            while (!waitsForItsAppend(thread)) {
                assertThat(System.nanoTime()).as("%s queued its append", thread).isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    /** Parked in the future's get(), not merely on a lock on the way into the queue. */
    private static boolean waitsForItsAppend(Thread thread) {
        if (thread.getState() != Thread.State.WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(CompletableFuture.class.getName())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void appendPlacesTheRecordInTheWritersChain_C21() {
        ConsentLedger ledger = open("node-a");
        ConsentId id = ConsentId.random();

        ConsentRecord first = ledger.append(given(id));
        ConsentRecord second = ledger.append(given(id));

        assertThat(first.chainId()).isEqualTo("node-a");
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(ConsentRecord.GENESIS_HASH);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(first.recordedAt()).isEqualTo(Fixtures.NOW);
        assertThat(first.hash()).isEqualTo(RecordJson.hash(first.previousHash(), RecordJson.canonicalBody(first)));
    }

    @Test
    void recordKeepsEverythingAnAuditorNeeds_C22() {
        ConsentLedger ledger = open("node-a");
        ConsentId id = ConsentId.random();

        ConsentRecord appended = ledger.append(given(id));
        ConsentRecord found = ledger.findByConsentId(id).get(0);

        assertThat(found).isEqualTo(appended);
        assertThat(found.categories())
                .containsEntry("necessary", true)
                .containsEntry("analytics", true)
                .containsEntry("marketing", false)
                .hasSize(4);
        assertThat(found.services())
                .containsEntry("matomo", true)
                .containsEntry("session", true)
                .containsEntry("meta-pixel", false)
                .hasSize(10);
        assertThat(found.policyVersion()).isEqualTo(2);
        assertThat(found.policyHash()).isEqualTo(policy.contentHash());
        assertThat(found.path()).isEqualTo("/kurse/java");
        assertThat(found.locale()).isEqualTo("de");
        assertThat(found.signals()).containsExactly("gpc");
        assertThat(found.method()).isEqualTo(ConsentMethod.CUSTOM);
        assertThat(found.collectionPoint()).isEqualTo(CollectionPoint.SETTINGS);
        assertThat(found.actor()).isEqualTo(Actor.VISITOR);
    }

    @Test
    void fullIpAddressIsNeverStored_C23() {
        ConsentLedger ledger = open("node-a");
        ConsentId id = ConsentId.random();

        ledger.append(given(id));

        ConsentRecord found = ledger.findByConsentId(id).get(0);
        assertThat(found.ipPrefix()).isEqualTo("203.0.113.0/24");
        assertThat(RecordJson.line(found)).doesNotContain("203.0.113.77");
    }

    @Test
    void accountReferenceFindsTheRecordsButTheRawAccountIdIsNeverStored_C23() {
        ConsentLedger ledger = open("node-a");
        AccountReferences references = new AccountReferences(new byte[32]);
        String ref = references.of("student-4711@example.org");
        RecordDraft draft = RecordDraft.builder(policy, ConsentEvent.GIVEN)
                .consentId(ConsentId.random())
                .accountRef(ref)
                .build();

        ledger.append(draft);

        assertThat(ledger.findByAccountRef(ref)).hasSize(1);
        assertThat(RecordJson.line(ledger.findByAccountRef(ref).get(0))).doesNotContain("student-4711");
        assertThat(ledger.findByAccountRef(references.of("someone-else"))).isEmpty();
        assertThatThrownBy(() -> RecordDraft.builder(policy, ConsentEvent.GIVEN)
                        .consentId(ConsentId.random())
                        .accountRef("student-4711@example.org")
                        .build())
                .hasMessageContaining("never a raw account id");
    }

    @Test
    void lookupsOfUnknownIdsAreEmpty() {
        ConsentLedger ledger = open("node-a");

        assertThat(ledger.findByConsentId(ConsentId.random())).isEmpty();
        assertThat(ledger.findByAccountRef("0".repeat(64))).isEmpty();
        assertThat(ledger.findPolicy("f".repeat(64))).isEmpty();
        try (Stream<ConsentRecord> none = ledger.stream(Instant.EPOCH, Instant.EPOCH.plusSeconds(1))) {
            assertThat(none).isEmpty();
        }
    }

    @Test
    void policyIsArchivedOnceAndResolvesFromEveryRecord_C22() {
        ConsentLedger ledger = open("node-a");
        ledger.archive(policy);
        ledger.archive(Fixtures.policy());

        ConsentRecord record = ledger.append(given(ConsentId.random()));

        String archived = ledger.findPolicy(record.policyHash()).orElseThrow();
        assertThat(ConsentPolicy.fromJson(archived).contentHash()).isEqualTo(policy.contentHash());
    }

    @Test
    void recordingUnderAnUnarchivedPolicyFails_C22() {
        ConsentLedger ledger = open("node-a");
        ConsentPolicy other = policy.toBuilder().version(7).build();

        assertThatThrownBy(() -> ledger.append(RecordDraft.builder(other, ConsentEvent.GIVEN)
                        .consentId(ConsentId.random())
                        .build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("archive(policy)");
    }

    @Test
    void streamReturnsTheTimeRangeOldestFirst_C25() {
        ConsentLedger ledger = open("node-a");
        List<ConsentRecord> records = appendMany(ledger, 5);

        try (Stream<ConsentRecord> range =
                ledger.stream(records.get(1).recordedAt(), records.get(4).recordedAt())) {
            assertThat(range.map(ConsentRecord::sequence)).containsExactly(2L, 3L, 4L);
        }
    }

    @Test
    void rangeReachingPastEveryTimeADatabaseCanHoldFindsWhatLiesInside_C25() {
        ConsentLedger ledger = open("node-a");
        List<ConsentRecord> records = appendMany(ledger, 3);

        try (Stream<ConsentRecord> range = ledger.stream(Instant.MIN, Instant.MAX)) {
            assertThat(range).containsExactlyElementsOf(records);
        }
        try (Stream<ConsentRecord> range = ledger.stream(Instant.parse("+10000-01-01T00:00:00Z"), Instant.MAX)) {
            assertThat(range).isEmpty();
        }
        try (Stream<ConsentRecord> range = ledger.stream(Instant.MIN, Instant.parse("0001-01-01T00:00:00Z"))) {
            assertThat(range).isEmpty();
        }
    }

    @Test
    void historyOfOneVisitorIsOldestFirst_C27() {
        ConsentLedger ledger = open("node-a");
        ConsentId id = ConsentId.random();
        ledger.append(given(id));
        clock.advance(Duration.ofMinutes(1));
        ledger.append(RecordDraft.builder(policy, ConsentEvent.WITHDRAWN)
                .consentId(id)
                .method(ConsentMethod.WITHDRAWAL)
                .build());

        assertThat(ledger.findByConsentId(id))
                .extracting(ConsentRecord::event)
                .containsExactly(ConsentEvent.GIVEN, ConsentEvent.WITHDRAWN);
    }

    @Test
    void intactChainsVerify_C24() {
        ConsentLedger ledger = open("node-a");
        appendMany(ledger, 25);

        VerificationReport report = ledger.verify();

        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.records()).isEqualTo(25);
        assertThat(report.chain("node-a").orElseThrow().lastSequence()).isEqualTo(25);
    }

    @Test
    void concurrentAppendsAllReturnStoredInOneValidChain() throws Exception {
        ConsentLedger ledger = open("node-a");
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<ConsentRecord>> futures = new ArrayList<>();
            for (int i = 0; i < 640; i++) {
                futures.add(pool.submit(() -> ledger.append(given(ConsentId.random()))));
            }
            Set<Long> sequences = new HashSet<>();
            for (Future<ConsentRecord> future : futures) {
                ConsentRecord record = future.get();
                sequences.add(record.sequence());
                assertThat(ledger.findByConsentId(record.consentId())).containsExactly(record);
            }
            assertThat(sequences).hasSize(640).allMatch(s -> s >= 1 && s <= 640);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.verify().ok()).isTrue();
    }

    @Test
    void twoWritersOnOneStoreKeepTwoValidChains() throws Exception {
        ConsentLedger a = open("node-a");
        ConsentLedger b = open("node-b");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ConsentRecord>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ConsentLedger target = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> target.append(given(ConsentId.random()))));
            }
            for (Future<ConsentRecord> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        VerificationReport report = a.verify();

        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.chain("node-a").orElseThrow().records()).isEqualTo(100);
        assertThat(report.chain("node-b").orElseThrow().records()).isEqualTo(100);
    }

    @Test
    void reopeningWithTheSameChainIdContinuesTheChain() {
        ConsentLedger first = open("node-a");
        appendMany(first, 3);
        first.close();

        ConsentLedger again = open("node-a");
        ConsentRecord next = again.append(given(ConsentId.random()));

        assertThat(next.sequence()).isEqualTo(4);
        assertThat(again.verify().ok()).isTrue();
    }

    @Test
    void changedRecordIsFound_C24() throws Exception {
        ConsentLedger ledger = open("node-a");
        List<ConsentRecord> records = appendMany(ledger, 6);
        String body = RecordJson.canonicalBody(records.get(2)).replace("\"analytics\":true", "\"analytics\":false");

        tamperChangeBody("node-a", 3, body);

        VerificationReport.ChainResult result = ledger.verify().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.CHANGED);
        assertThat(result.failedAt()).isEqualTo(3);
    }

    @Test
    void removedRecordIsFound_C24() throws Exception {
        ConsentLedger ledger = open("node-a");
        appendMany(ledger, 6);

        tamperDelete("node-a", 4);

        VerificationReport.ChainResult result = ledger.verify().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.REMOVED);
        assertThat(result.failedAt()).isEqualTo(4);
    }

    @Test
    void insertedRecordIsFound_C24() throws Exception {
        ConsentLedger ledger = open("node-a");
        List<ConsentRecord> records = appendMany(ledger, 6);
        StoredRecord copy = StoredRecord.of(records.get(1));

        tamperInsert(new StoredRecord("node-a", 7, copy.body(), records.get(5).hash(), copy.hash()));

        VerificationReport.ChainResult result = ledger.verify().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.INSERTED);
        assertThat(result.failedAt()).isEqualTo(7);
    }

    @Test
    void reorderedRecordsAreFound_C24() throws Exception {
        ConsentLedger ledger = open("node-a");
        appendMany(ledger, 6);

        tamperSwap("node-a", 2, 3);

        VerificationReport.ChainResult result = ledger.verify().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.REORDERED);
        assertThat(result.failedAt()).isEqualTo(2);
    }

    @Test
    void removingTheNewestRecordsIsFoundThroughTheSignedCheckpoint_C24() throws Exception {
        ConsentLedger ledger = open("node-a");
        appendMany(ledger, 10);
        ((AbstractConsentLedger) ledger).checkpoint();

        tamperDelete("node-a", 10);
        tamperDelete("node-a", 9);

        VerificationReport.ChainResult result = ledger.verify().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.TRUNCATED);
        assertThat(result.failedAt()).isEqualTo(9);
    }

    @Test
    void checkpointsAreWrittenPeriodicallyAndAtCloseAndVerifyOffline_C24() {
        ConsentLedger ledger = open("node-a");
        appendMany(ledger, 23);
        ledger.close();

        ConsentLedger reader = open("node-a");
        List<Checkpoint> checkpoints = reader.checkpoints();

        assertThat(checkpoints).extracting(Checkpoint::sequence).contains(23L);
        assertThat(checkpoints).hasSizeGreaterThanOrEqualTo(2);
        ReceiptVerifier offline = ReceiptVerifier.fromJwk(SIGNER.publicJwk());
        for (Checkpoint checkpoint : checkpoints) {
            assertThat(Checkpoint.verify(offline, checkpoint.jws())).contains(checkpoint);
        }
    }

    @Test
    void purgeRemovesOldRecordsAndVerificationStillPasses_C26() {
        ConsentLedger ledger = open("node-a");
        List<ConsentRecord> old = appendMany(ledger, 5);
        clock.advance(Duration.ofDays(4 * 365));
        List<ConsentRecord> recent = appendMany(ledger, 3);

        ConsentRecord purge = ((PurgeableConsentLedger) ledger)
                .purgeBefore(clock.instant().minus(Duration.ofDays(3 * 365)))
                .orElseThrow();

        assertThat(purge.event()).isEqualTo(ConsentEvent.PURGE);
        assertThat(purge.details())
                .containsEntry("anchor.node-a", "5:" + old.get(4).hash());
        assertThat(ledger.findByConsentId(old.get(0).consentId())).isEmpty();
        assertThat(ledger.findByConsentId(recent.get(0).consentId())).hasSize(1);
        VerificationReport report = ledger.verify();
        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.chain("node-a").orElseThrow().firstSequence()).isEqualTo(6);
    }

    @Test
    void purgeWithNothingOldEnoughDoesNothing_C26() {
        ConsentLedger ledger = open("node-a");
        appendMany(ledger, 2);

        assertThat(((PurgeableConsentLedger) ledger).purgeBefore(Fixtures.NOW.minusSeconds(1)))
                .isEmpty();
        assertThat(ledger.verify().records()).isEqualTo(2);
    }

    @Test
    void purgesRunByDifferentNodesInTurnKeepEveryChainVerifiable_C26() {
        ConsentLedger a = open("node-a");
        ConsentLedger b = open("node-b");
        for (int day = 0; day < 4; day++) {
            appendMany(a, 3);
            appendMany(b, 3);
            clock.advance(Duration.ofDays(1));
            // Nodes take turns running the retention job, each keeping the last day and a half.
            PurgeableConsentLedger purger = (PurgeableConsentLedger) (day % 2 == 0 ? b : a);
            purger.purgeBefore(clock.instant().minus(Duration.ofHours(36)));

            VerificationReport report = a.verify();
            assertThat(report.ok())
                    .as("after the purge of day %d: %s", day, report)
                    .isTrue();
        }
    }

    @Test
    void deletingOldRecordsWithoutAPurgeRecordIsFound_C26() throws Exception {
        ConsentLedger ledger = open("node-a");
        appendMany(ledger, 4);

        tamperDelete("node-a", 1);
        tamperDelete("node-a", 2);

        VerificationReport.ChainResult result = ledger.verify().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.UNANCHORED);
    }

    @Test
    void closedLedgerRefusesAppends() {
        ConsentLedger ledger = open("node-a");
        ledger.close();

        assertThatThrownBy(() -> ledger.append(given(ConsentId.random()))).isInstanceOf(IllegalStateException.class);
    }
}
