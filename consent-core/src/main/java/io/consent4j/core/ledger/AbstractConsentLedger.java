/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.PolicyJson;
import io.consent4j.core.token.ConsentId;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Periodic checkpoints are signed and stored by a thread of their own (see {@code Checkpointer}), so
 * that no append waits for a signature and the checkpoint's transaction; the checkpoints at
 * {@link #close()} and {@link #checkpoint()} are written before those return.
 */
public abstract class AbstractConsentLedger implements PurgeableConsentLedger {

    private static final Logger log = LoggerFactory.getLogger(AbstractConsentLedger.class);

    private final LedgerSettings settings;
    private final AppendGroups queue;
    private final Set<String> archived = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private final Object purgeLock = new Object();
    /** Held by the writer while it commits, so that a manual checkpoint sees a settled head. */
    private final ReentrantLock writeLock = new ReentrantLock();

    private volatile ConsentPolicy latestPolicy;
    private volatile boolean closed;
    private Thread writer;
    /** Signs and stores the checkpoints; started with the writer. */
    private volatile Checkpointer checkpointer;

    // Guarded by writeLock once the writer has started.
    private final ChainHead head = new ChainHead();
    /** The writer's own digest, reused for every record. */
    private final MessageDigest sha256 = RecordJson.sha256();

    /** A ledger that writes as {@code settings} say. */
    protected AbstractConsentLedger(LedgerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = new AppendGroups(settings);
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
            return all.filter(r -> r.content().event() == ConsentEvent.PURGE).reduce((older, newer) -> newer);
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
    public ConsentRecord append(RecordContent content) {
        Objects.requireNonNull(content, "content");
        if (!archived.contains(content.policyHash())) {
            if (loadPolicy(content.policyHash()).isEmpty()) {
                throw new IllegalStateException("policy " + content.policyHash().substring(0, 12)
                        + "… is not archived in this ledger; call archive(policy) before recording under it (C22)");
            }
            archived.add(content.policyHash());
        }
        // Everything about the record except its place in the chain is worked out here, on the caller's
        // thread, so that the one writer thread has only to fill in the sequence number and time and hash.
        String id = UUID.randomUUID().toString();
        RecordJson.BodyParts body = RecordJson.bodyParts(id, chainId(), content);
        PendingAppend pending = new PendingAppend(content, id, body);
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the consent ledger is closed");
            }
            startWriter();
            if (!queue.offer(pending)) {
                throw new LedgerException("the consent ledger is overloaded: " + queue.size() + " appends are waiting");
            }
        }
        return pending.await(settings.appendTimeout());
    }

    private void startWriter() {
        if (writer != null) {
            return;
        }
        head.load(lastRecord(chainId()));
        checkpointer = new Checkpointer(settings, this::insertCheckpoint, head.sequence);
        writer = new Thread(this::writeLoop, "consent4j-ledger-" + chainId());
        writer.setDaemon(true);
        writer.start();
    }

    private void writeLoop() {
        List<PendingAppend> batch = new ArrayList<>();
        while (true) {
            boolean stop;
            try {
                stop = queue.next(batch, settings.checkpointInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            writeLock.lock();
            try {
                long started = System.nanoTime();
                int committed = commit(batch);
                queue.stored(batch.size(), System.nanoTime() - started);
                checkpointer.afterGroup(committed, head.sequence, head.hash);
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

    /** Places, stores and answers a group of appends; returns how many records it stored. */
    private int commit(List<PendingAppend> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<ConsentRecord> records = new ArrayList<>(batch.size());
        List<StoredRecord> stored = new ArrayList<>(batch.size());
        long sequence = head.sequence;
        String previous = head.hash;
        Instant time = head.time;
        Instant formatted = null;
        String timeText = null;
        try {
            if (!head.known) { // a failed group left the stored head in doubt: go on from the store's
                head.load(lastRecord(chainId()));
                head.known = true;
                sequence = head.sequence;
                previous = head.hash;
                time = head.time;
            }
            for (PendingAppend pending : batch) {
                Instant now = settings.clock().instant().truncatedTo(ChronoUnit.MILLIS);
                time = now.isAfter(time) ? now : time;
                if (!time.equals(formatted)) { // most records of a group share their millisecond
                    formatted = time;
                    timeText = RecordJson.formatTime(time);
                }
                String body = pending.body.render(++sequence, timeText);
                String hash = RecordJson.hash(sha256, previous, body);
                ConsentRecord record =
                        new ConsentRecord(pending.id, chainId(), sequence, time, pending.content, previous, hash);
                records.add(record);
                stored.add(new StoredRecord(chainId(), sequence, body, previous, hash));
                previous = hash;
            }
            insert(records, stored);
        } catch (RuntimeException | Error e) {
            ChainHead.Outcome outcome = records.size() == batch.size()
                    ? head.afterFailure(() -> lastRecord(chainId()), sequence, previous)
                    : ChainHead.Outcome.NOT_STORED;
            if (outcome == ChainHead.Outcome.STORED) {
                log.warn("{} consent records of chain {} are stored despite {}", batch.size(), chainId(), e.toString());
            } else {
                log.error("Could not store {} consent records in chain {}: {}", batch.size(), chainId(), e.toString());
                String what = outcome == ChainHead.Outcome.NOT_STORED
                        ? "the record was not stored: "
                        : "the record may or may not be stored (the store could not be asked): ";
                LedgerException failure = new LedgerException(what + e.getMessage(), e);
                batch.forEach(p -> p.failed(failure));
                return 0;
            }
        }
        head.advance(sequence, previous, time);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).stored(records.get(i));
        }
        return records.size();
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
        Checkpointer running = checkpointer;
        if (running == null) {
            return; // nothing appended yet
        }
        running.runWaiting();
        long sequence;
        String headHash;
        writeLock.lock();
        try {
            sequence = this.head.sequence;
            headHash = this.head.hash;
        } finally {
            writeLock.unlock();
        }
        if (sequence > 0) {
            running.write(sequence, headHash, settings.clock().instant());
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
        Checkpointer.check(loadCheckpoints(), settings, verifier);
        for (String chain : selectChainIds()) {
            readChain(chain, verifier);
        }
        return verifier.finish(settings.clock().instant());
    }

    @Override
    public Optional<ConsentRecord> purgeBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        synchronized (purgeLock) {
            return RetentionPurge.run(this, cutoff, latestPolicy);
        }
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
                queue.stop();
            }
        }
        if (running != null) {
            try {
                running.join(30_000);
                checkpointer.shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeStore();
    }

    /** Releases the store's resources; called once by {@link #close()} after the final checkpoint. */
    protected void closeStore() {}
}
