/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.VerificationReport.ChainResult;
import io.consent4j.core.ledger.VerificationReport.Failure;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.receipt.ConsentReceipt;
import io.consent4j.core.receipt.VerifyCommand;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.signing.ReceiptVerifier;
import io.consent4j.core.token.ConsentId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ConsentLedger} store must show. Subclass it for a store: create a fresh,
 * empty store in {@link #openStore()}, open ledgers on it in {@link #open}, and implement the tamper
 * hooks by changing the stored rows directly (SQL for a database), the way an attacker with database
 * access would. Shipped in consent-core's test jar (with {@code Fixtures}) so that other stores can run it
 * too; {@code docs/LEDGER-CONTRACT.md} says how, and which test libraries it needs.
 */
public abstract class ConsentLedgerContract {

    protected static final ReceiptSigner SIGNER = ReceiptSigner.generate("ledger-test");

    /** A time before every record of a test: the start of a range that holds the ledger from its start. */
    protected static final Instant BEFORE_ALL = Fixtures.NOW.minus(Duration.ofDays(1));

    /** Where a test writes export files for the offline verifier. */
    @TempDir
    protected Path exports;

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

    /**
     * Opens a ledger that writes checkpoints only when a test asks ({@link AbstractConsentLedger#checkpoint()}
     * and at close), so that a test knows exactly which exist.
     */
    protected ConsentLedger openQuiet(String chainId) {
        return open(LedgerSettings.builder(SIGNER)
                .chainId(chainId)
                .clock(clock)
                .checkpointEvery(Integer.MAX_VALUE)
                .checkpointInterval(Duration.ofDays(365L * 1000))
                .build());
    }

    /** The end of a range that holds every record of a test: a day after the clock's time. */
    protected Instant afterAll() {
        return clock.instant().plus(Duration.ofDays(1));
    }

    /** The server's verification of a range, as the auditor endpoint runs it. */
    protected LedgerExport.Verified verifyRange(ConsentLedger ledger, Instant from, Instant to) {
        return new LedgerExport(ledger, SIGNER.verifier()).verify(from, to, clock.instant());
    }

    /** The NDJSON export of a range, as the auditor endpoint writes it, one list item per line. */
    protected List<String> exportLines(ConsentLedger ledger, Instant from, Instant to) {
        LedgerExport export = new LedgerExport(ledger, SIGNER.verifier());
        StringWriter out = new StringWriter();
        try {
            export.writeNdjson(export.verify(from, to, clock.instant()), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(out.toString().lines().toList());
    }

    /** What the offline verifier said of an export file. */
    protected record Offline(int status, String output) {}

    /** Runs the offline verifier on {@code lines} as an export file, with the site's public key. */
    protected Offline verifyOffline(List<String> lines, String... receipts) {
        try {
            Path key = Files.writeString(exports.resolve("key.jwk"), SIGNER.publicJwk());
            Path file = Files.write(exports.resolve("export.ndjson"), lines);
            List<String> args = new ArrayList<>(List.of("--key", key.toString()));
            for (String receipt : receipts) {
                args.add("--receipt");
                args.add(receipt);
            }
            args.add(file.toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = VerifyCommand.run(
                    args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            return new Offline(status, out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that the ledger's own verification finds {@code failure} at {@code at} in chain node-a, and
     * that the verification of a range holding the whole ledger, and the offline verifier on that range's
     * export file, find the same failure at {@code rangeAt} (a range reads records in time order, so an
     * inserted record shows where its time puts it).
     */
    protected void assertFoundEverywhere(ConsentLedger ledger, Failure failure, long at, long rangeAt) {
        ChainResult whole = ledger.verify().chain("node-a").orElseThrow();
        assertThat(whole.failure()).as("verify(): %s", whole).isEqualTo(failure);
        assertThat(whole.failedAt()).isEqualTo(at);

        LedgerExport.Verified range = verifyRange(ledger, BEFORE_ALL, afterAll());
        assertThat(range.scope().wholeLedger()).as("%s", range.scope()).isTrue();
        ChainResult ranged = range.report().chain("node-a").orElseThrow();
        assertThat(ranged.failure()).as("range: %s", ranged).isEqualTo(failure);
        assertThat(ranged.failedAt()).isEqualTo(rangeAt);
        assertThat(range.summary()).contains("chain node-a: FAILED at record " + rangeAt);

        List<String> lines = exportLines(ledger, BEFORE_ALL, afterAll());
        assertThat(lines.get(0)).contains("\"start\":\"ledger\"", "\"end\":\"head\"");
        Offline offline = verifyOffline(lines);
        assertThat(offline.status()).as(offline.output()).isEqualTo(1);
        assertThat(offline.output())
                .contains("chain node-a: FAILED at record " + rangeAt + " ("
                        + failure.name().toLowerCase(Locale.ROOT) + ")")
                .contains("RESULT: FAILED");
    }

    /** Asserts that the ledger, a range holding all of it, and the range's export file all verify. */
    protected void assertVerifiedEverywhere(ConsentLedger ledger) {
        VerificationReport whole = ledger.verify();
        assertThat(whole.ok()).as("verify(): %s", whole).isTrue();
        LedgerExport.Verified range = verifyRange(ledger, BEFORE_ALL, afterAll());
        assertThat(range.report().ok()).as("range: %s", range.summary()).isTrue();
        Offline offline = verifyOffline(exportLines(ledger, BEFORE_ALL, afterAll()));
        assertThat(offline.status()).as(offline.output()).isZero();
    }

    /**
     * A record that follows {@code previousHash} at {@code sequence}, with a hash that matches its content,
     * as someone rewriting a chain would make it.
     */
    protected ConsentRecord forge(String chainId, long sequence, Instant time, String previousHash) {
        RecordContent content = given(ConsentId.random());
        ConsentRecord unhashed = new ConsentRecord(
                java.util.UUID.randomUUID().toString(),
                chainId,
                sequence,
                time,
                content,
                previousHash,
                ConsentRecord.GENESIS_HASH);
        String hash = RecordJson.hash(previousHash, RecordJson.canonicalBody(unhashed));
        return new ConsentRecord(unhashed.id(), chainId, sequence, time, content, previousHash, hash);
    }

    protected RecordContent given(ConsentId id) {
        return RecordContent.builder(policy, ConsentEvent.GIVEN)
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

    /** Parked in the future's get() (bounded by the append timeout), not merely on a lock on the way into the queue. */
    private static boolean waitsForItsAppend(Thread thread) {
        if (thread.getState() != Thread.State.TIMED_WAITING) {
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
        RecordContent content = found.content();
        assertThat(content.categories())
                .containsEntry("necessary", true)
                .containsEntry("analytics", true)
                .containsEntry("marketing", false)
                .hasSize(4);
        assertThat(content.services())
                .containsEntry("matomo", true)
                .containsEntry("session", true)
                .containsEntry("meta-pixel", false)
                .hasSize(10);
        assertThat(content.policyVersion()).isEqualTo(2);
        assertThat(content.policyHash()).isEqualTo(policy.contentHash());
        assertThat(content.path()).isEqualTo("/kurse/java");
        assertThat(content.locale()).isEqualTo("de");
        assertThat(content.signals()).containsExactly("gpc");
        assertThat(content.method()).isEqualTo(ConsentMethod.CUSTOM);
        assertThat(content.collectionPoint()).isEqualTo(CollectionPoint.SETTINGS);
        assertThat(content.actor()).isEqualTo(Actor.VISITOR);
    }

    @Test
    void fullIpAddressIsNeverStored_C23() {
        ConsentLedger ledger = open("node-a");
        ConsentId id = ConsentId.random();

        ledger.append(given(id));

        ConsentRecord found = ledger.findByConsentId(id).get(0);
        assertThat(found.content().ipPrefix()).isEqualTo("203.0.113.0/24");
        assertThat(RecordJson.line(found)).doesNotContain("203.0.113.77");
    }

    @Test
    void accountReferenceFindsTheRecordsButTheRawAccountIdIsNeverStored_C23() {
        ConsentLedger ledger = open("node-a");
        AccountReferences references = new AccountReferences(new byte[32]);
        String ref = references.of("student-4711@example.org");
        RecordContent draft = RecordContent.builder(policy, ConsentEvent.GIVEN)
                .consentId(ConsentId.random())
                .accountRef(ref)
                .build();

        ledger.append(draft);

        assertThat(ledger.findByAccountRef(ref)).hasSize(1);
        assertThat(RecordJson.line(ledger.findByAccountRef(ref).get(0))).doesNotContain("student-4711");
        assertThat(ledger.findByAccountRef(references.of("someone-else"))).isEmpty();
        assertThatThrownBy(() -> RecordContent.builder(policy, ConsentEvent.GIVEN)
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

        String archived = ledger.findPolicy(record.content().policyHash()).orElseThrow();
        assertThat(ConsentPolicy.fromJson(archived).contentHash()).isEqualTo(policy.contentHash());
    }

    @Test
    void recordingUnderAnUnarchivedPolicyFails_C22() {
        ConsentLedger ledger = open("node-a");
        ConsentPolicy other = policy.toBuilder().version(7).build();

        assertThatThrownBy(() -> ledger.append(RecordContent.builder(other, ConsentEvent.GIVEN)
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
        ledger.append(RecordContent.builder(policy, ConsentEvent.WITHDRAWN)
                .consentId(id)
                .method(ConsentMethod.WITHDRAWAL)
                .build());

        assertThat(ledger.findByConsentId(id))
                .extracting(r -> r.content().event())
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
                assertThat(ledger.findByConsentId(record.content().consentId())).containsExactly(record);
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

    // ---- tampering with the database: found by verify(), by the range verification and offline ------

    @Test
    void changedRecordIsFound_C24() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> records = appendMany(ledger, 6);
        String body = RecordJson.canonicalBody(records.get(2)).replace("\"analytics\":true", "\"analytics\":false");

        tamperChangeBody("node-a", 3, body);

        assertFoundEverywhere(ledger, Failure.CHANGED, 3, 3);
    }

    @Test
    void removedRecordIsFound_C24() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        appendMany(ledger, 6);

        tamperDelete("node-a", 4);

        assertFoundEverywhere(ledger, Failure.REMOVED, 4, 4);
    }

    @Test
    void insertedRecordIsFound_C24() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> records = appendMany(ledger, 6);
        StoredRecord copy = StoredRecord.of(records.get(1));

        tamperInsert(new StoredRecord("node-a", 7, copy.body(), records.get(5).hash(), copy.hash()));

        // A range reads the copy beside record 2, whose time it has.
        assertFoundEverywhere(ledger, Failure.INSERTED, 7, 3);
    }

    @Test
    void reorderedRecordsAreFound_C24() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        appendMany(ledger, 6);

        tamperSwap("node-a", 2, 3);

        VerificationReport.ChainResult result = ledger.verify().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.REORDERED);
        assertThat(result.failedAt()).isEqualTo(2);
        // A range reads each record from its content, where records 2 and 3 still stand in their order: what it
        // exports is the records as they were appended, and it verifies as such.
        List<String> lines = exportLines(ledger, BEFORE_ALL, afterAll());
        assertThat(lines.stream()
                        .filter(l -> l.startsWith("{\"hash\""))
                        .map(l -> RecordJson.parse(l).sequence()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void tailRewrittenWithFreshHashesIsFoundThroughTheSignedCheckpoint_C24() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> records = appendMany(ledger, 10);
        ((AbstractConsentLedger) ledger).checkpoint();
        ConsentRecord nine =
                forge("node-a", 9, records.get(8).recordedAt(), records.get(7).hash());
        ConsentRecord ten = forge("node-a", 10, records.get(9).recordedAt(), nine.hash());

        tamperDelete("node-a", 10);
        tamperDelete("node-a", 9);
        tamperInsert(StoredRecord.of(nine));
        tamperInsert(StoredRecord.of(ten));

        assertFoundEverywhere(ledger, Failure.CHANGED, 10, 10);
    }

    @Test
    void removingTheNewestRecordsIsFoundThroughTheSignedCheckpoint_C24() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        appendMany(ledger, 10);
        ((AbstractConsentLedger) ledger).checkpoint();

        tamperDelete("node-a", 10);
        tamperDelete("node-a", 9);

        assertFoundEverywhere(ledger, Failure.TRUNCATED, 9, 9);
    }

    @Test
    void removingTheNewestRecordsIsFoundByARangeToNowThatStartsLater_C24_C25() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> records = appendMany(ledger, 10);
        ((AbstractConsentLedger) ledger).checkpoint();

        tamperDelete("node-a", 10);
        tamperDelete("node-a", 9);

        // The auditor asks from record 4 on until now: a segment, but one that reaches the head.
        LedgerExport.Verified range = verifyRange(ledger, records.get(3).recordedAt(), clock.instant());
        assertThat(range.scope().fromLedgerStart()).isFalse();
        assertThat(range.scope().toHead()).isTrue();
        ChainResult result = range.report().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.TRUNCATED);
        assertThat(result.failedAt()).isEqualTo(9);
        Offline offline = verifyOffline(exportLines(ledger, records.get(3).recordedAt(), clock.instant()));
        assertThat(offline.status()).as(offline.output()).isEqualTo(1);
        assertThat(offline.output()).contains("chain node-a: FAILED at record 9 (truncated)");
    }

    @Test
    void removingAWholeChainIsFoundThroughItsCheckpoints_C24() throws Exception {
        ConsentLedger a = openQuiet("node-a");
        ConsentLedger b = openQuiet("node-b");
        appendMany(a, 2);
        appendMany(b, 3);
        ((AbstractConsentLedger) b).checkpoint();

        for (long sequence = 3; sequence >= 1; sequence--) {
            tamperDelete("node-b", sequence);
        }

        ChainResult whole = a.verify().chain("node-b").orElseThrow();
        assertThat(whole.failure()).isEqualTo(Failure.TRUNCATED);
        ChainResult ranged =
                verifyRange(a, BEFORE_ALL, afterAll()).report().chain("node-b").orElseThrow();
        assertThat(ranged.failure()).isEqualTo(Failure.TRUNCATED);
        Offline offline = verifyOffline(exportLines(a, BEFORE_ALL, afterAll()));
        assertThat(offline.status()).as(offline.output()).isEqualTo(1);
        assertThat(offline.output()).contains("chain node-b: FAILED at record 1 (truncated)");
    }

    @Test
    void deletingOldRecordsWithoutAPurgeRecordIsFound_C26() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        appendMany(ledger, 4);

        tamperDelete("node-a", 1);
        tamperDelete("node-a", 2);

        assertFoundEverywhere(ledger, Failure.UNANCHORED, 3, 3);
    }

    @Test
    void deletingTheOldestRecordIsFoundByARangeFromTheLedgersStart_C26() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> records = appendMany(ledger, 6);

        tamperDelete("node-a", 1);

        // No record lies before the range now, so it holds the ledger from its start, even though it starts
        // after the deleted record's time.
        Instant from = records.get(1).recordedAt();
        LedgerExport.Verified range = verifyRange(ledger, from, records.get(4).recordedAt());
        assertThat(range.scope().fromLedgerStart()).isTrue();
        assertThat(range.scope().toHead()).isFalse();
        assertThat(range.report().chain("node-a").orElseThrow().failure()).isEqualTo(Failure.UNANCHORED);
        Offline offline = verifyOffline(exportLines(ledger, from, records.get(4).recordedAt()));
        assertThat(offline.output()).contains("chain node-a: FAILED at record 2 (unanchored)");
        assertThat(offline.status()).isEqualTo(1);
    }

    @Test
    void purgedChainStartingAnywhereButRightAfterItsAnchorIsFound_C26() throws Exception {
        ConsentLedger ledger = openQuiet("node-a");
        appendMany(ledger, 5);
        clock.advance(Duration.ofDays(4 * 365));
        appendMany(ledger, 3);
        ((PurgeableConsentLedger) ledger).purgeBefore(clock.instant().minus(Duration.ofDays(3 * 365)));

        tamperDelete("node-a", 6);

        assertFoundEverywhere(ledger, Failure.REMOVED, 6, 6);
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

        assertThat(purge.content().event()).isEqualTo(ConsentEvent.PURGE);
        assertThat(purge.content().details())
                .containsEntry("anchor.node-a", "5:" + old.get(4).hash());
        assertThat(ledger.findByConsentId(old.get(0).content().consentId())).isEmpty();
        assertThat(ledger.findByConsentId(recent.get(0).content().consentId())).hasSize(1);
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
            LedgerExport.Verified range = verifyRange(a, BEFORE_ALL, afterAll());
            assertThat(range.report().ok())
                    .as("the range after the purge of day %d: %s", day, range.summary())
                    .isTrue();
        }
    }

    @Test
    void hasRecordsAndTheNewestPurgeRecordAreFoundWithoutReadingEverything_C25_C26() {
        ConsentLedger ledger = open("node-a");
        List<ConsentRecord> records = appendMany(ledger, 3);
        PurgeableConsentLedger purgeable = (PurgeableConsentLedger) ledger;

        assertThat(purgeable.latestPurge()).isEmpty();
        assertThat(purgeable.anchors()).isEmpty();
        assertThat(ledger.hasRecords(Instant.MIN, records.get(0).recordedAt())).isFalse();
        assertThat(ledger.hasRecords(Instant.MIN, records.get(0).recordedAt().plusMillis(1)))
                .isTrue();
        assertThat(ledger.hasRecords(records.get(2).recordedAt(), Instant.MAX)).isTrue();
        assertThat(ledger.hasRecords(records.get(2).recordedAt().plusMillis(1), Instant.MAX))
                .isFalse();
        assertThat(ledger.hasRecords(records.get(1).recordedAt(), records.get(1).recordedAt()))
                .isFalse();

        clock.advance(Duration.ofDays(10));
        ConsentRecord first = purgeable.purgeBefore(records.get(1).recordedAt()).orElseThrow();
        appendMany(ledger, 1);
        ConsentRecord second =
                purgeable.purgeBefore(records.get(2).recordedAt()).orElseThrow();

        assertThat(purgeable.latestPurge()).contains(second);
        assertThat(first.content().details())
                .containsEntry("anchor.node-a", "1:" + records.get(0).hash());
        assertThat(purgeable.anchors())
                .containsExactly(new ChainAnchor("node-a", 2, records.get(1).hash()));
    }

    @Test
    void anAnchorStaysConfirmedWhenALaterPurgeRemovesThePurgeRecordThatNamedIt_C26() {
        ConsentLedger a = openQuiet("node-a");
        ConsentLedger b = openQuiet("node-b");
        appendMany(a, 2);
        appendMany(b, 2);
        clock.advance(Duration.ofDays(10));
        // The first purge removes both chains whole and leaves anchors at record 2 of each.
        ConsentRecord first = ((PurgeableConsentLedger) a)
                .purgeBefore(clock.instant().minus(Duration.ofDays(1)))
                .orElseThrow();
        clock.advance(Duration.ofDays(10));
        appendMany(a, 2);
        clock.advance(Duration.ofDays(10));
        // Node b stays idle; the second purge removes node a's records and the first purge record.
        ConsentRecord second = ((PurgeableConsentLedger) a)
                .purgeBefore(clock.instant().minus(Duration.ofDays(1)))
                .orElseThrow();
        appendMany(b, 1);

        assertThat(second.content().details())
                .containsEntry("anchor.node-b", first.content().details().get("anchor.node-b"));
        assertThat(((PurgeableConsentLedger) a).latestPurge()).contains(second);
        assertVerifiedEverywhere(a);
    }

    // ---- ranges and their scope ---------------------------------------------------------------------

    @Test
    void rangeThatStartsLaterIsCheckedAsASegmentAndSaysSo_C25() {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> records = appendMany(ledger, 8);
        ((AbstractConsentLedger) ledger).checkpoint();
        Instant from = records.get(3).recordedAt();

        LedgerExport.Verified range = verifyRange(ledger, from, afterAll());
        List<String> lines = exportLines(ledger, from, afterAll());

        assertThat(range.report().ok()).as(range.summary()).isTrue();
        assertThat(range.scope().fromLedgerStart()).isFalse();
        assertThat(range.summary()).contains("checked as a segment from record 4: the export starts at " + from);
        assertThat(lines.get(0)).isEqualTo(range.scope().headerLine()).contains("\"start\":\"range\"");
        Offline offline = verifyOffline(lines);
        assertThat(offline.status()).as(offline.output()).isZero();
        assertThat(offline.output())
                .contains("chain node-a: 5 records (4..8) verified, checked as a segment from record 4: the export"
                        + " starts at " + from + " to the ledger's head");
    }

    @Test
    void rangeThatEndsBeforeTheHeadHoldsOnlyTheCheckpointsInside_C25() {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> records = appendMany(ledger, 3);
        ((AbstractConsentLedger) ledger).checkpoint();
        records.addAll(appendMany(ledger, 3));
        ((AbstractConsentLedger) ledger).checkpoint();
        Instant to = records.get(4).recordedAt();

        LedgerExport.Verified range = verifyRange(ledger, BEFORE_ALL, to);
        List<String> lines = exportLines(ledger, BEFORE_ALL, to);

        assertThat(range.report().ok()).as(range.summary()).isTrue();
        assertThat(range.scope().toHead()).isFalse();
        assertThat(range.checkpoints()).extracting(Checkpoint::sequence).containsExactly(3L);
        assertThat(lines.get(0)).contains("\"start\":\"ledger\"", "\"end\":\"range\"");
        Offline offline = verifyOffline(lines);
        assertThat(offline.status()).as(offline.output()).isZero();
        assertThat(offline.output())
                .contains("chain node-a: 4 records (1..4) verified, checked from the chain's start to the end of the"
                        + " export's range");
    }

    @Test
    void purgedChainVerifiesWithItsAnchorInTheLedgerARangeAndTheExport_C26() {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> old = appendMany(ledger, 5);
        clock.advance(Duration.ofDays(4 * 365));
        List<ConsentRecord> recent = appendMany(ledger, 3);
        ((PurgeableConsentLedger) ledger).purgeBefore(clock.instant().minus(Duration.ofDays(3 * 365)));

        assertVerifiedEverywhere(ledger);
        List<String> lines = exportLines(ledger, BEFORE_ALL, afterAll());
        assertThat(lines)
                .contains(LedgerExport.anchorLine(
                        new ChainAnchor("node-a", 5, old.get(4).hash())));
        assertThat(((PurgeableConsentLedger) ledger).anchors())
                .containsExactly(new ChainAnchor("node-a", 5, old.get(4).hash()));
        assertThat(verifyOffline(lines).output())
                .contains("chain node-a: 4 records (6..9) verified, checked from the chain's start after the purge"
                        + " anchor at record 5 to the ledger's head");

        // A range that ends before the purge record carries it, so that the anchor is confirmed offline too.
        Instant to = recent.get(2).recordedAt();
        LedgerExport.Verified early = verifyRange(ledger, BEFORE_ALL, to);
        List<String> earlyLines = exportLines(ledger, BEFORE_ALL, to);
        assertThat(early.report().ok()).as(early.summary()).isTrue();
        assertThat(early.scope().fromLedgerStart()).isTrue();
        assertThat(earlyLines).anyMatch(l -> l.startsWith("{\"purge\":") && l.contains("\"anchor.node-a\":\"5:"));
        Offline offline = verifyOffline(earlyLines);
        assertThat(offline.status()).as(offline.output()).isZero();
        assertThat(offline.output()).contains("(6..7) verified, checked from the chain's start after the purge anchor");
    }

    // ---- tampering with the export file: found by the offline verifier -----------------------------

    /** An intact export of 12 records with signed checkpoints at 6 and 12. */
    private List<String> intactExport(List<ConsentRecord> records) {
        ConsentLedger ledger = openQuiet("node-a");
        records.addAll(appendMany(ledger, 6));
        ((AbstractConsentLedger) ledger).checkpoint();
        records.addAll(appendMany(ledger, 6));
        ((AbstractConsentLedger) ledger).checkpoint();
        List<String> lines = exportLines(ledger, BEFORE_ALL, afterAll());
        Offline offline = verifyOffline(lines);
        assertThat(offline.status()).as(offline.output()).isZero();
        assertThat(offline.output())
                .contains(
                        "chain node-a: 12 records (1..12) verified, checked from the chain's start to the ledger's head",
                        "checkpoints: 2 valid, 0 invalid");
        return lines;
    }

    private static int lineOf(List<String> lines, ConsentRecord record) {
        int index = lines.indexOf(RecordJson.line(record));
        assertThat(index).as("the export holds record %d", record.sequence()).isPositive();
        return index;
    }

    private static void assertFailsAt(Offline offline, long at) {
        assertThat(offline.status()).as(offline.output()).isEqualTo(1);
        assertThat(offline.output()).contains("chain node-a: FAILED at record " + at + " (", "RESULT: FAILED");
    }

    @Test
    void changedRecordInTheExportIsFoundOffline_C24() {
        List<ConsentRecord> records = new ArrayList<>();
        List<String> lines = intactExport(records);
        int index = lineOf(lines, records.get(2));

        lines.set(index, lines.get(index).replace("\"analytics\":true", "\"analytics\":false"));

        assertFailsAt(verifyOffline(lines), 3);
    }

    @Test
    void recordRemovedFromTheMiddleOfTheExportIsFoundOffline_C24() {
        List<ConsentRecord> records = new ArrayList<>();
        List<String> lines = intactExport(records);

        lines.remove(lineOf(lines, records.get(3)));

        assertFailsAt(verifyOffline(lines), 4);
    }

    @Test
    void reorderedRecordsInTheExportAreFoundOffline_C24() {
        List<ConsentRecord> records = new ArrayList<>();
        List<String> lines = intactExport(records);
        int second = lineOf(lines, records.get(1));
        int third = lineOf(lines, records.get(2));

        lines.set(second, RecordJson.line(records.get(2)));
        lines.set(third, RecordJson.line(records.get(1)));

        assertFailsAt(verifyOffline(lines), 2);
    }

    @Test
    void tailOfTheExportRewrittenWithFreshHashesIsFoundOffline_C24() {
        List<ConsentRecord> records = new ArrayList<>();
        List<String> lines = intactExport(records);
        ConsentRecord eleven =
                forge("node-a", 11, records.get(10).recordedAt(), records.get(9).hash());
        ConsentRecord twelve = forge("node-a", 12, records.get(11).recordedAt(), eleven.hash());

        lines.set(lineOf(lines, records.get(10)), RecordJson.line(eleven));
        lines.set(lineOf(lines, records.get(11)), RecordJson.line(twelve));

        Offline offline = verifyOffline(lines);
        assertFailsAt(offline, 12);
        assertThat(offline.output()).contains("(changed)", "a signed checkpoint names");
    }

    @Test
    void newestRecordsRemovedFromTheExportWithTheCheckpointLeftAreFoundOffline_C24() {
        List<ConsentRecord> records = new ArrayList<>();
        List<String> lines = intactExport(records);

        lines.remove(lineOf(lines, records.get(11)));
        lines.remove(lineOf(lines, records.get(10)));

        Offline offline = verifyOffline(lines);
        assertFailsAt(offline, 11);
        assertThat(offline.output()).contains("(truncated)");
    }

    @Test
    void oldestRecordRemovedFromTheExportWithoutAnAnchorIsFoundOffline_C26() {
        List<ConsentRecord> records = new ArrayList<>();
        List<String> lines = intactExport(records);

        lines.remove(lineOf(lines, records.get(0)));

        Offline offline = verifyOffline(lines);
        assertFailsAt(offline, 2);
        assertThat(offline.output()).contains("(unanchored)");
    }

    @Test
    void exportWithoutItsHeaderIsCheckedAsTheWholeLedger_C24() {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> records = appendMany(ledger, 6);
        List<String> later = exportLines(ledger, records.get(2).recordedAt(), afterAll());
        assertThat(verifyOffline(later).status()).isZero();

        later.remove(0);

        Offline offline = verifyOffline(later);
        assertThat(offline.output()).contains("no header, so checked as the whole ledger");
        assertFailsAt(offline, 3);
    }

    @Test
    void purgedExportIsAcceptedOnlyWhereItsChainStartsRightAfterAConfirmedAnchor_C26() {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> old = appendMany(ledger, 5);
        clock.advance(Duration.ofDays(4 * 365));
        List<ConsentRecord> recent = appendMany(ledger, 3);
        ((PurgeableConsentLedger) ledger).purgeBefore(clock.instant().minus(Duration.ofDays(3 * 365)));
        Instant to = recent.get(2).recordedAt(); // before the purge record: the export carries it
        List<String> lines = exportLines(ledger, BEFORE_ALL, to);
        assertThat(verifyOffline(lines).status()).isZero();
        String anchor =
                LedgerExport.anchorLine(new ChainAnchor("node-a", 5, old.get(4).hash()));
        assertThat(lines).contains(anchor);

        List<String> withoutPurge = new ArrayList<>(lines);
        withoutPurge.removeIf(l -> l.startsWith("{\"purge\":"));
        Offline unconfirmed = verifyOffline(withoutPurge);
        assertFailsAt(unconfirmed, 6);
        assertThat(unconfirmed.output()).contains("(unanchored)", "not confirmed by a purge record");

        List<String> startingLater = new ArrayList<>(lines);
        startingLater.remove(lineOf(startingLater, recent.get(0)));
        Offline removed = verifyOffline(startingLater);
        assertFailsAt(removed, 6);
        assertThat(removed.output()).contains("(removed)");

        // A made-up anchor right before the new start: no purge record names it.
        startingLater.set(
                startingLater.indexOf(anchor),
                LedgerExport.anchorLine(
                        new ChainAnchor("node-a", 6, recent.get(0).hash())));
        Offline madeUp = verifyOffline(startingLater);
        assertFailsAt(madeUp, 7);
        assertThat(madeUp.output()).contains("(unanchored)", "not confirmed by a purge record");
    }

    @Test
    void receiptOfARecordMissingFromTheExportFailsOffline_C24_C27() {
        List<ConsentRecord> records = new ArrayList<>();
        List<String> lines = intactExport(records);
        String receipt = ConsentReceipt.issue(SIGNER, records.get(3));
        assertThat(verifyOffline(lines, receipt).output()).contains("record node-a#4 matches the export");

        lines.remove(lineOf(lines, records.get(3)));

        Offline offline = verifyOffline(lines, receipt);
        assertThat(offline.status()).isEqualTo(1);
        assertThat(offline.output()).contains("FAILED, record node-a#4", "is missing from the export");
    }

    @Test
    void receiptOfARecordOutsideTheExportsRangePassesAndSaysSo_C27() {
        ConsentLedger ledger = openQuiet("node-a");
        List<ConsentRecord> records = appendMany(ledger, 6);
        List<String> lines =
                exportLines(ledger, records.get(2).recordedAt(), records.get(4).recordedAt());
        String outside = ConsentReceipt.issue(SIGNER, records.get(0));
        String inside = ConsentReceipt.issue(SIGNER, records.get(3));

        Offline passed = verifyOffline(lines, outside);
        lines.remove(lineOf(lines, records.get(3)));
        Offline missing = verifyOffline(lines, inside);

        assertThat(passed.status()).as(passed.output()).isZero();
        assertThat(passed.output()).contains("record node-a#1", "lies outside the export's range");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.output()).contains("FAILED, record node-a#4", "its time lies inside the export's range");
    }

    @Test
    void closedLedgerRefusesAppends() {
        ConsentLedger ledger = open("node-a");
        ledger.close();

        assertThatThrownBy(() -> ledger.append(given(ConsentId.random()))).isInstanceOf(IllegalStateException.class);
    }
}
