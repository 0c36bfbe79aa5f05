/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.token.ConsentId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InMemoryConsentLedgerTest extends ConsentLedgerContract {

    private InMemoryConsentLedger store;

    @Override
    protected void openStore() {
        store = null;
    }

    @Override
    protected ConsentLedger openLedger(LedgerSettings settings) {
        // Every ledger of one test shares the first one's rows, like several nodes on one database.
        InMemoryConsentLedger ledger = new InMemoryConsentLedger(settings);
        if (store == null) {
            store = ledger;
            return ledger;
        }
        return new SharedStore(settings, store);
    }

    @Override
    protected void tamperChangeBody(String chainId, long sequence, String newBody) {
        List<StoredRecord> rows = store.rows(chainId);
        for (int i = 0; i < rows.size(); i++) {
            StoredRecord row = rows.get(i);
            if (row.sequence() == sequence) {
                rows.set(i, new StoredRecord(chainId, sequence, newBody, row.previousHash(), row.hash()));
            }
        }
    }

    @Override
    protected void tamperDelete(String chainId, long sequence) {
        store.rows(chainId).removeIf(row -> row.sequence() == sequence);
    }

    @Override
    protected void tamperInsert(StoredRecord row) {
        store.rows(row.chainId()).add(row);
        store.rows(row.chainId()).sort(Comparator.comparingLong(StoredRecord::sequence));
    }

    @Override
    protected void tamperSwap(String chainId, long first, long second) {
        List<StoredRecord> rows = store.rows(chainId);
        List<StoredRecord> swapped = new ArrayList<>();
        for (StoredRecord row : rows) {
            long sequence = row.sequence() == first ? second : row.sequence() == second ? first : row.sequence();
            swapped.add(new StoredRecord(chainId, sequence, row.body(), row.previousHash(), row.hash()));
        }
        swapped.sort(Comparator.comparingLong(StoredRecord::sequence));
        rows.clear();
        rows.addAll(swapped);
    }

    @Test
    void failedBatchFailsExactlyItsCallersAndWritesNothing() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        CountDownLatch firstInsert = new CountDownLatch(1);
        InMemoryConsentLedger failing =
                new InMemoryConsentLedger(LedgerSettings.builder(SIGNER)
                        .chainId("node-f")
                        .clock(clock)
                        .build()) {
                    @Override
                    protected synchronized void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
                        firstInsert.countDown();
                        if (broken.get()) {
                            throw new IllegalStateException("disk full");
                        }
                        super.insert(records, stored);
                    }
                };
        failing.archive(policy);
        ConsentRecord before = failing.append(given(ConsentId.random()));
        broken.set(true);

        assertThatThrownBy(() -> failing.append(given(ConsentId.random())))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("not stored")
                .hasMessageContaining("disk full");

        broken.set(false);
        ConsentRecord after = failing.append(given(ConsentId.random()));
        assertThat(after.sequence()).as("the failed append left no gap").isEqualTo(before.sequence() + 1);
        assertThat(after.previousHash()).isEqualTo(before.hash());
        assertThat(failing.verify().ok()).isTrue();
        failing.close();
    }

    @Test
    void anAppendNotStoredWithinTheAppendTimeoutFailsSayingTheRecordMayOrMayNotBeStored() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryConsentLedger hanging =
                new InMemoryConsentLedger(LedgerSettings.builder(SIGNER)
                        .chainId("node-t")
                        .clock(clock)
                        .appendTimeout(Duration.ofMillis(50))
                        .build()) {
                    @Override
                    protected void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
                        // A database that hangs until the test lets it go on.
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        super.insert(records, stored);
                    }
                };
        hanging.archive(policy);
        ConsentId id = ConsentId.random();
        try {
            assertThatThrownBy(() -> hanging.append(given(id)))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageContaining("did not complete within PT0.05S")
                    .hasMessageContaining("may or may not be stored")
                    .hasMessageContaining("LedgerSettings.appendTimeout");
        } finally {
            release.countDown();
            hanging.close();
        }
        // The timeout ended the wait, not the write: the database went on and stored the record.
        assertThat(hanging.findByConsentId(id))
                .extracting(ConsentRecord::sequence)
                .containsExactly(1L);
        assertThat(hanging.verify().ok()).isTrue();
    }

    @Test
    void concurrentAppendsShareTransactions() throws Exception {
        // The writer is held inside the commit of one append until the pool's 63 other threads wait for theirs;
        // they are then all in its queue, so its next transaction holds them all, however threads are scheduled.
        AtomicBoolean hold = new AtomicBoolean(true);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        InMemoryConsentLedger counting =
                new InMemoryConsentLedger(
                        LedgerSettings.builder(SIGNER).clock(clock).build()) {
                    @Override
                    protected void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
                        batchSizes.add(records.size());
                        if (hold.getAndSet(false)) {
                            held.countDown();
                            try {
                                release.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        super.insert(records, stored);
                    }
                };
        counting.archive(policy);
        List<Thread> appenders = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(64, task -> {
            Thread thread = new Thread(task);
            appenders.add(thread);
            return thread;
        });
        try {
            Future<ConsentRecord> first = pool.submit(() -> counting.append(given(ConsentId.random())));
            assertThat(held.await(30, TimeUnit.SECONDS))
                    .as("the writer reached the commit")
                    .isTrue();
            List<Future<ConsentRecord>> futures = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                futures.add(pool.submit(() -> counting.append(given(ConsentId.random()))));
            }
            awaitQueuedAppends(List.copyOf(appenders));
            release.countDown();
            first.get();
            for (Future<ConsentRecord> future : futures) {
                future.get();
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
            counting.close();
        }
        assertThat(appenders).hasSize(64);
        assertThat(batchSizes.get(0)).as("the held commit").isEqualTo(1);
        // The first appender, released, may add its next append to them before the writer takes the group.
        assertThat(batchSizes.get(1))
                .as("the 63 appends that waited, in one group")
                .isGreaterThanOrEqualTo(63);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_001);
        assertThat(batchSizes.size()).as("fewer transactions than records").isLessThan(2_001);
    }

    @Test
    void appendsDoNotWaitForACheckpointBeingSignedAndStored_C24() throws Exception {
        CountDownLatch checkpointStarted = new CountDownLatch(1);
        CountDownLatch releaseCheckpoint = new CountDownLatch(1);
        List<String> checkpointThreads = new CopyOnWriteArrayList<>();
        InMemoryConsentLedger slowCheckpoints =
                new InMemoryConsentLedger(LedgerSettings.builder(SIGNER)
                        .chainId("node-c")
                        .clock(clock)
                        .checkpointEvery(1)
                        .build()) {
                    @Override
                    protected void insertCheckpoint(Checkpoint checkpoint) {
                        checkpointThreads.add(Thread.currentThread().getName());
                        checkpointStarted.countDown();
                        try {
                            releaseCheckpoint.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        super.insertCheckpoint(checkpoint);
                    }
                };
        slowCheckpoints.archive(policy);
        ExecutorService appender = Executors.newSingleThreadExecutor();
        try {
            slowCheckpoints.append(given(ConsentId.random()));
            assertThat(checkpointStarted.await(30, TimeUnit.SECONDS))
                    .as("the first checkpoint reached its store")
                    .isTrue();

            // The first checkpoint hangs in its store; the next appends return all the same.
            Future<List<ConsentRecord>> more = appender.submit(() -> List.of(
                    slowCheckpoints.append(given(ConsentId.random())),
                    slowCheckpoints.append(given(ConsentId.random()))));
            assertThat(more.get(30, TimeUnit.SECONDS))
                    .extracting(ConsentRecord::sequence)
                    .containsExactly(2L, 3L);
            assertThat(slowCheckpoints.checkpoints()).isEmpty();
        } finally {
            releaseCheckpoint.countDown();
            appender.shutdownNow();
            slowCheckpoints.close();
        }
        assertThat(checkpointThreads).first().asString().startsWith("consent4j-checkpoint-node-c");
        assertThat(slowCheckpoints.checkpoints())
                .extracting(Checkpoint::sequence)
                .as("the checkpoint in hand, and the head's at close")
                .startsWith(1L)
                .endsWith(3L);
        assertThat(slowCheckpoints.verify().ok()).isTrue();
    }

    @Test
    void aCheckpointThatCouldNotBeStoredIsWrittenAfterTheNextGroup_C24() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        CountDownLatch stored = new CountDownLatch(1);
        List<String> storedBy = new CopyOnWriteArrayList<>();
        InMemoryConsentLedger flaky =
                new InMemoryConsentLedger(LedgerSettings.builder(SIGNER)
                        .chainId("node-r")
                        .clock(clock)
                        .checkpointEvery(1_000)
                        // The writer also wakes after this long without appends; not within the test.
                        .checkpointInterval(Duration.ofDays(1))
                        .build()) {
                    @Override
                    protected void insertCheckpoint(Checkpoint checkpoint) {
                        if (broken.get()) {
                            throw new IllegalStateException("disk full");
                        }
                        super.insertCheckpoint(checkpoint);
                        storedBy.add(Thread.currentThread().getName());
                        stored.countDown();
                    }
                };
        flaky.archive(policy);
        flaky.append(given(ConsentId.random()));
        flaky.checkpoint();
        assertThat(flaky.checkpoints()).isEmpty();

        broken.set(false);
        flaky.append(given(ConsentId.random()));
        // Far fewer records than checkpointEvery, and the clock stands still: only the failed checkpoint makes
        // one due. The writer hands it to the checkpoint thread after the group; wait until that stored it.
        assertThat(stored.await(30, TimeUnit.SECONDS))
                .as("the checkpoint was tried again")
                .isTrue();
        assertThat(storedBy).first().asString().startsWith("consent4j-checkpoint-node-r");
        assertThat(flaky.checkpoints()).extracting(Checkpoint::sequence).containsExactly(2L);
        flaky.close();
    }

    /** A second writer over the first ledger's rows. */
    static final class SharedStore extends AbstractConsentLedger {
        private final InMemoryConsentLedger rows;

        SharedStore(LedgerSettings settings, InMemoryConsentLedger rows) {
            super(settings);
            this.rows = rows;
        }

        @Override
        protected java.util.Optional<StoredRecord> lastRecord(String chainId) {
            return rows.lastRecord(chainId);
        }

        @Override
        protected void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
            rows.insert(records, stored);
        }

        @Override
        protected void insertCheckpoint(Checkpoint checkpoint) {
            rows.insertCheckpoint(checkpoint);
        }

        @Override
        protected List<Checkpoint> loadCheckpoints() {
            return rows.loadCheckpoints();
        }

        @Override
        protected void insertPolicy(String contentHash, int version, String canonicalJson) {
            rows.insertPolicy(contentHash, version, canonicalJson);
        }

        @Override
        protected java.util.Optional<String> loadPolicy(String contentHash) {
            return rows.loadPolicy(contentHash);
        }

        @Override
        protected List<ConsentRecord> selectByConsentId(ConsentId consentId) {
            return rows.selectByConsentId(consentId);
        }

        @Override
        protected List<ConsentRecord> selectByAccountRef(String accountRef) {
            return rows.selectByAccountRef(accountRef);
        }

        @Override
        protected java.util.stream.Stream<ConsentRecord> selectRange(java.time.Instant from, java.time.Instant to) {
            return rows.selectRange(from, to);
        }

        @Override
        protected List<String> selectChainIds() {
            return rows.selectChainIds();
        }

        @Override
        protected void readChain(String chainId, ChainVerifier verifier) {
            rows.readChain(chainId, verifier);
        }

        @Override
        protected List<ChainAnchor> loadAnchors() {
            return rows.loadAnchors();
        }

        @Override
        protected java.util.Optional<StoredRecord> lastRecordBefore(String chainId, java.time.Instant cutoff) {
            return rows.lastRecordBefore(chainId, cutoff);
        }

        @Override
        protected long deleteThrough(List<ChainAnchor> anchors) {
            return rows.deleteThrough(anchors);
        }
    }
}
