/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.ConsentId;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.PolicyJson;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain logic every store shares: one writer thread per ledger places records in its chain,
 * hashes them, and commits concurrent appends together (group commit), each caller returning only after
 * its batch committed; signed checkpoints; verification; the retention purge. A store implements only
 * the storage primitives below, each of which must be thread-safe.
 *
 * <p>Periodic checkpoints are signed and stored by a thread of their own, so that no append waits for
 * an Ed25519 signature (most of a millisecond on the JDK's own implementation) and the checkpoint's
 * transaction; the checkpoints at {@link #close()} and {@link #checkpoint()} are written before
 * those return.
 */
public abstract class AbstractConsentLedger implements PurgeableConsentLedger {

    private static final Logger log = LoggerFactory.getLogger(AbstractConsentLedger.class);

    private final LedgerSettings settings;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(65_536);
    private final Set<String> archived = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private final Object purgeLock = new Object();
    /** Held by the writer while it commits, so that a manual checkpoint sees a settled head. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Held while a checkpoint is signed and stored, so that checkpoints are written one at a time. */
    private final ReentrantLock checkpointLock = new ReentrantLock();

    private volatile ConsentPolicy latestPolicy;
    private volatile boolean closed;
    private Thread writer;
    /** Signs and stores the periodic checkpoints; started with the writer. */
    private volatile ThreadPoolExecutor checkpointer;

    // Guarded by writeLock once the writer has started.
    private long headSequence;
    private String headHash = ConsentRecord.GENESIS_HASH;
    private Instant headTime = Instant.EPOCH;
    private long sinceCheckpoint;
    private Instant lastCheckpoint;
    /** The sequence number the newest stored checkpoint covers; guarded by checkpointLock. */
    private long checkpointed;
    /** Set when a periodic checkpoint could not be stored, so that the writer tries again after its next group. */
    private volatile boolean checkpointFailed;
    /** The writer's own digest, reused for every record. */
    private final MessageDigest sha256 = RecordJson.sha256();

    /** A ledger that writes as {@code settings} say. */
    protected AbstractConsentLedger(LedgerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The settings this ledger writes with. */
    public LedgerSettings settings() {
        return settings;
    }

    @Override
    public String chainId() {
        return settings.chainId();
    }

    // ---- storage primitives -------------------------------------------------------------------

    /** The last record of a chain, or empty when the chain has none. */
    protected abstract Optional<StoredRecord> lastRecord(String chainId);

    /**
     * Stores records atomically and durably: all of them or none. {@code stored} holds the same records
     * in stored form, in the same order.
     */
    protected abstract void insert(List<ConsentRecord> records, List<StoredRecord> stored);

    /** Stores a checkpoint. */
    protected abstract void insertCheckpoint(Checkpoint checkpoint);

    /** Every stored checkpoint, oldest first. */
    protected abstract List<Checkpoint> loadCheckpoints();

    /** Stores a policy text under its hash unless one is stored already. */
    protected abstract void insertPolicy(String contentHash, int version, String canonicalJson);

    /** The policy text stored under a hash. */
    protected abstract Optional<String> loadPolicy(String contentHash);

    /** The records of a consent id, oldest first. */
    protected abstract List<ConsentRecord> selectByConsentId(ConsentId consentId);

    /** The records of an account reference, oldest first. */
    protected abstract List<ConsentRecord> selectByAccountRef(String accountRef);

    /** The records with {@code from <= time < to}, by time, chain and sequence, read lazily. */
    protected abstract Stream<ConsentRecord> selectRange(Instant from, Instant to);

    /** Every chain id that has records or anchors. */
    protected abstract List<String> selectChainIds();

    /** Feeds every record of a chain, in sequence order, to {@code verifier}. */
    protected abstract void readChain(String chainId, ChainVerifier verifier);

    /** The anchors the retention purge left. */
    protected abstract List<ChainAnchor> loadAnchors();

    /**
     * The newest purge record; this default reads every record, so a store with an index on the time
     * should override it.
     */
    protected Optional<ConsentRecord> selectLatestPurge() {
        try (Stream<ConsentRecord> all = selectRange(Instant.MIN, Instant.MAX)) {
            return all.filter(r -> r.event() == ConsentEvent.PURGE).reduce((older, newer) -> newer);
        }
    }

    /** The last record of a chain with a time before {@code cutoff}, if any. */
    protected abstract Optional<StoredRecord> lastRecordBefore(String chainId, Instant cutoff);

    /**
     * Atomically deletes, per anchor, the records of its chain up to and including its sequence number,
     * and stores the anchors (replacing earlier anchors of the same chains).
     *
     * @return the number of records deleted
     */
    protected abstract long deleteThrough(List<ChainAnchor> anchors);

    // ---- the ledger ---------------------------------------------------------------------------

    @Override
    public void archive(ConsentPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (archived.add(policy.contentHash())) {
            try {
                insertPolicy(policy.contentHash(), policy.version(), PolicyJson.canonical(policy));
            } catch (RuntimeException e) {
                archived.remove(policy.contentHash());
                throw e;
            }
        }
        latestPolicy = policy;
    }

    @Override
    public Optional<String> findPolicy(String contentHash) {
        return contentHash == null ? Optional.empty() : loadPolicy(contentHash);
    }

    @Override
    public ConsentRecord append(RecordDraft draft) {
        Objects.requireNonNull(draft, "draft");
        if (!archived.contains(draft.policyHash())) {
            if (loadPolicy(draft.policyHash()).isEmpty()) {
                throw new IllegalStateException("policy " + draft.policyHash().substring(0, 12)
                        + "… is not archived in this ledger; call archive(policy) before recording under it (C22)");
            }
            archived.add(draft.policyHash());
        }
        // Everything about the record except its place in the chain is worked out here, on the caller's
        // thread, so that the one writer thread has only to fill in the sequence number and time and hash.
        String id = UUID.randomUUID().toString();
        RecordJson.BodyParts body = RecordJson.bodyParts(
                draft.place(id, chainId(), 1, Instant.EPOCH, ConsentRecord.GENESIS_HASH, ConsentRecord.GENESIS_HASH));
        Pending pending = new Pending(draft, id, body);
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the consent ledger is closed");
            }
            startWriter();
            if (!queue.offer(pending)) {
                throw new LedgerException("the consent ledger is overloaded: " + queue.size() + " appends are waiting");
            }
        }
        try {
            return pending.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(
                    "interrupted while waiting for the append to commit; it may or may not be stored", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LedgerException ledgerException) {
                throw new LedgerException(ledgerException.getMessage(), ledgerException.getCause());
            }
            throw new LedgerException("the record was not stored: " + cause, cause);
        }
    }

    private void startWriter() {
        if (writer != null) {
            return;
        }
        lastRecord(chainId()).ifPresent(last -> {
            headSequence = last.sequence();
            headHash = last.hash();
            headTime = last.toRecord().recordedAt();
        });
        lastCheckpoint = settings.clock().instant();
        checkpointLock.lock();
        try {
            checkpointed = headSequence;
        } finally {
            checkpointLock.unlock();
        }
        // One thread, and at most one checkpoint waiting for it: a newer checkpoint covers everything an older
        // one would, so the older one is dropped when the thread falls behind.
        checkpointer = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1),
                task -> {
                    Thread thread = new Thread(task, "consent4j-checkpoint-" + chainId());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardOldestPolicy());
        writer = new Thread(this::writeLoop, "consent4j-ledger-" + chainId());
        writer.setDaemon(true);
        writer.start();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.poll(settings.checkpointInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean stop = first == Pending.STOP;
            if (first != null && !stop) {
                batch.add(first);
                queue.drainTo(batch, settings.maxBatch() - 1);
                stop = batch.remove(Pending.STOP);
            }
            writeLock.lock();
            try {
                commit(batch);
                checkpointIfDue();
            } finally {
                writeLock.unlock();
            }
            batch.clear();
            if (stop) {
                checkpoint();
                return;
            }
        }
    }

    private void commit(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<ConsentRecord> records = new ArrayList<>(batch.size());
        List<StoredRecord> stored = new ArrayList<>(batch.size());
        long sequence = headSequence;
        String previous = headHash;
        Instant time = headTime;
        Instant formatted = null;
        String timeText = null;
        try {
            for (Pending pending : batch) {
                Instant now = settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
                time = now.isAfter(time) ? now : time;
                if (!time.equals(formatted)) { // most records of a group share their millisecond
                    formatted = time;
                    timeText = RecordJson.formatTime(time);
                }
                String body = pending.body.render(++sequence, timeText);
                String hash = RecordJson.hash(sha256, previous, body);
                ConsentRecord record = pending.draft.place(pending.id, chainId(), sequence, time, previous, hash);
                records.add(record);
                stored.add(new StoredRecord(chainId(), sequence, body, previous, hash));
                previous = hash;
            }
            insert(records, stored);
        } catch (RuntimeException | Error e) {
            log.error("Could not store {} consent records in chain {}: {}", batch.size(), chainId(), e.toString());
            LedgerException failure = new LedgerException("the record was not stored: " + e.getMessage(), e);
            batch.forEach(p -> p.result.completeExceptionally(failure));
            return;
        }
        headSequence = sequence;
        headHash = previous;
        headTime = time;
        sinceCheckpoint += records.size();
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(records.get(i));
        }
    }

    /** On the writer, after a group: hands a checkpoint of the head to the checkpointer when one is due. */
    private void checkpointIfDue() {
        if (sinceCheckpoint == 0 && !checkpointFailed) {
            return;
        }
        Instant now = settings.clock().instant();
        boolean due = checkpointFailed
                || sinceCheckpoint >= settings.checkpointEvery()
                || !now.isBefore(lastCheckpoint.plus(settings.checkpointInterval()));
        if (!due) {
            return;
        }
        long sequence = headSequence;
        String head = headHash;
        sinceCheckpoint = 0;
        lastCheckpoint = now;
        checkpointFailed = false;
        checkpointer.execute(() -> writeCheckpoint(sequence, head, now));
    }

    /**
     * Signs and stores a checkpoint of the chain's head at {@code sequence}, unless a stored one covers it
     * already; a failure is logged, and the writer tries again after its next group.
     */
    private void writeCheckpoint(long sequence, String head, Instant time) {
        checkpointLock.lock();
        try {
            if (sequence <= checkpointed) {
                return;
            }
            insertCheckpoint(Checkpoint.sign(settings.signer(), chainId(), sequence, head, time));
            checkpointed = sequence;
        } catch (RuntimeException e) {
            checkpointFailed = true;
            log.warn("Could not write a checkpoint for chain {}: {}", chainId(), e.toString());
        } finally {
            checkpointLock.unlock();
        }
    }

    /**
     * Writes a checkpoint of the chain's head now, unless a stored one covers it already, and returns once
     * it is stored, after any periodic checkpoint still waiting for its thread; for tests and shutdown
     * hooks. A failure is logged, as for the periodic checkpoints.
     *
     * <p>When it returns without a failure, no periodic checkpoint of the records appended before the call
     * touches the store any more: one being written has finished (it holds the lock this method waits
     * for), and one its thread has yet to begin finds itself covered and stores nothing. So a caller may
     * then count the store's connections or checkpoints without racing the checkpoint thread.
     */
    public void checkpoint() {
        ThreadPoolExecutor periodic = checkpointer;
        if (periodic != null) {
            List<Runnable> waiting = new ArrayList<>(1);
            periodic.getQueue().drainTo(waiting);
            waiting.forEach(Runnable::run);
        }
        long sequence;
        String head;
        writeLock.lock();
        try {
            sequence = headSequence;
            head = headHash;
        } finally {
            writeLock.unlock();
        }
        if (sequence > 0) {
            writeCheckpoint(sequence, head, settings.clock().instant());
        }
    }

    @Override
    public List<ConsentRecord> findByConsentId(ConsentId consentId) {
        Objects.requireNonNull(consentId, "consentId");
        return selectByConsentId(consentId);
    }

    @Override
    public List<ConsentRecord> findByAccountRef(String accountRef) {
        if (accountRef == null || accountRef.isEmpty()) {
            return List.of();
        }
        return selectByAccountRef(accountRef);
    }

    @Override
    public Stream<ConsentRecord> stream(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            return Stream.empty();
        }
        return selectRange(from, to);
    }

    @Override
    public List<Checkpoint> checkpoints() {
        return loadCheckpoints();
    }

    @Override
    public List<ChainAnchor> anchors() {
        return loadAnchors();
    }

    @Override
    public Optional<ConsentRecord> latestPurge() {
        return selectLatestPurge();
    }

    @Override
    public VerificationReport verify() {
        ChainVerifier verifier = new ChainVerifier(loadAnchors());
        for (Checkpoint stored : loadCheckpoints()) {
            Optional<Checkpoint> checked = Checkpoint.verify(settings.signer().verifier(), stored.jws());
            if (checked.isEmpty()) {
                verifier.problem("the checkpoint of chain " + stored.chainId() + " at record " + stored.sequence()
                        + " has no valid signature");
            } else if (!checked.get().chainId().equals(stored.chainId())
                    || checked.get().sequence() != stored.sequence()
                    || !checked.get().headHash().equals(stored.headHash())) {
                verifier.problem("the checkpoint of chain " + stored.chainId() + " at record " + stored.sequence()
                        + " differs from what its signature covers");
            } else {
                verifier.checkpoint(checked.get());
            }
        }
        for (String chain : selectChainIds()) {
            readChain(chain, verifier);
        }
        return verifier.finish(settings.clock().instant());
    }

    @Override
    public Optional<ConsentRecord> purgeBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        synchronized (purgeLock) {
            return purge(cutoff);
        }
    }

    private Optional<ConsentRecord> purge(Instant cutoff) {
        ConsentPolicy policy = latestPolicy;
        if (policy == null) {
            throw new IllegalStateException(
                    "archive the current policy before purging, so the purge record can name it");
        }
        List<ChainAnchor> anchors = new ArrayList<>();
        for (String chain : selectChainIds()) {
            lastRecordBefore(chain, cutoff)
                    .ifPresent(last -> anchors.add(new ChainAnchor(chain, last.sequence(), last.hash())));
        }
        if (anchors.isEmpty()) {
            return Optional.empty();
        }
        RecordDraft.Builder draft = RecordDraft.builder(policy, ConsentEvent.PURGE)
                .actor(Actor.SYSTEM)
                .method(ConsentMethod.RETENTION)
                .collectionPoint(CollectionPoint.SYSTEM)
                .detail("cutoff", RecordJson.formatTime(cutoff));
        anchors.forEach(a -> draft.detail(a.detailKey(), a.detailValue()));
        // The anchors of chains this purge removes nothing from are named again: this purge may remove the
        // purge record that named them, and an export of a range confirms anchors by the newest one alone.
        Set<String> purged = new HashSet<>();
        anchors.forEach(a -> purged.add(a.chainId()));
        for (ChainAnchor kept : loadAnchors()) {
            if (!purged.contains(kept.chainId())) {
                draft.detail(kept.detailKey(), kept.detailValue());
            }
        }
        ConsentRecord purge = append(draft.build());
        long deleted = deleteThrough(anchors);
        log.info("Retention purge removed {} consent records older than {}", deleted, cutoff);
        return Optional.of(purge);
    }

    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = writer;
            if (running != null) {
                queue.offer(Pending.STOP);
            }
        }
        if (running != null) {
            try {
                running.join(30_000);
                checkpointer.shutdown();
                checkpointer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeStore();
    }

    /** Releases the store's resources; called once by {@link #close()} after the final checkpoint. */
    protected void closeStore() {}

    /** An append waiting for its batch. */
    private static final class Pending {
        static final Pending STOP = new Pending(null, null, null);

        final RecordDraft draft;
        final String id;
        final RecordJson.BodyParts body;
        final CompletableFuture<ConsentRecord> result = new CompletableFuture<>();

        Pending(RecordDraft draft, String id, RecordJson.BodyParts body) {
            this.draft = draft;
            this.id = id;
            this.body = body;
        }
    }
}
