/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and stores the checkpoints of one ledger's chain, and checks the stored ones when the ledger is
 * verified. Periodic checkpoints are signed and stored by a thread of its own, so that no append waits
 * for an Ed25519 signature (most of a millisecond on the JDK's own implementation) and the checkpoint's
 * transaction; {@link #write} is for the checkpoints that must be stored before their caller returns.
 */
final class Checkpointer {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final LedgerSettings settings;
    private final Consumer<Checkpoint> store;
    /** Held while a checkpoint is signed and stored, so that checkpoints are written one at a time. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signs and stores the periodic checkpoints. */
    private final ThreadPoolExecutor thread;

    // Only the ledger's writer thread reads and writes these.
    private long sinceCheckpoint;
    private Instant lastCheckpoint;
    /** The sequence number the newest stored checkpoint covers; guarded by lock. */
    private long checkpointed;
    /** Set when a periodic checkpoint could not be stored, so that the writer tries again after its next group. */
    private volatile boolean failed;

    /** A checkpointer of a chain whose head, as stored, is at {@code headSequence}; stores through {@code store}. */
    Checkpointer(LedgerSettings settings, Consumer<Checkpoint> store, long headSequence) {
        this.settings = settings;
        this.store = store;
        this.lastCheckpoint = settings.clock().instant();
        this.checkpointed = headSequence;
        // One thread, and at most one checkpoint waiting for it: a newer checkpoint covers everything an older
        // one would, so the older one is dropped when the thread falls behind.
        this.thread = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1),
                task -> {
                    Thread checkpoints = new Thread(task, "consent4j-checkpoint-" + settings.chainId());
                    checkpoints.setDaemon(true);
                    return checkpoints;
                },
                new ThreadPoolExecutor.DiscardOldestPolicy());
    }

    /**
     * On the writer, after each group (of {@code committed} records, none when the group failed or the
     * writer woke up without one): hands a checkpoint of the head to the checkpoint thread when one is due.
     */
    void afterGroup(int committed, long headSequence, String headHash) {
        sinceCheckpoint += committed;
        if (sinceCheckpoint == 0 && !failed) {
            return;
        }
        Instant now = settings.clock().instant();
        boolean due = failed
                || sinceCheckpoint >= settings.checkpointEvery()
                || !now.isBefore(lastCheckpoint.plus(settings.checkpointInterval()));
        if (!due) {
            return;
        }
        sinceCheckpoint = 0;
        lastCheckpoint = now;
        failed = false;
        thread.execute(() -> write(headSequence, headHash, now));
    }

    /** Runs, on the caller's thread, the periodic checkpoint still waiting for the checkpoint thread, if any. */
    void runWaiting() {
        List<Runnable> waiting = new ArrayList<>(1);
        thread.getQueue().drainTo(waiting);
        waiting.forEach(Runnable::run);
    }

    /**
     * Signs and stores a checkpoint of the chain's head at {@code sequence}, unless a stored one covers it
     * already; a failure is logged, and the writer tries again after its next group.
     */
    void write(long sequence, String head, Instant time) {
        lock.lock();
        try {
            if (sequence <= checkpointed) {
                return;
            }
            store.accept(Checkpoint.sign(settings.signer(), settings.chainId(), sequence, head, time));
            checkpointed = sequence;
        } catch (RuntimeException e) {
            failed = true;
            log.warn("Could not write a checkpoint for chain {}: {}", settings.chainId(), e.toString());
        } finally {
            lock.unlock();
        }
    }

    /** Stops the checkpoint thread once the checkpoint it is writing, if any, is stored. */
    void shutdown() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(30, TimeUnit.SECONDS);
    }

    /**
     * Hands every stored checkpoint whose signature holds to {@code verifier}, and reports each that has
     * no valid signature or differs from what its signature covers.
     */
    static void check(List<Checkpoint> stored, LedgerSettings settings, ChainVerifier verifier) {
        for (Checkpoint each : stored) {
            Optional<Checkpoint> checked = Checkpoint.verify(settings.signer().verifier(), each.jws());
            if (checked.isEmpty()) {
                verifier.problem("the checkpoint of chain " + each.chainId() + " at record " + each.sequence()
                        + " has no valid signature");
            } else if (!checked.get().chainId().equals(each.chainId())
                    || checked.get().sequence() != each.sequence()
                    || !checked.get().headHash().equals(each.headHash())) {
                verifier.problem("the checkpoint of chain " + each.chainId() + " at record " + each.sequence()
                        + " differs from what its signature covers");
            } else {
                verifier.checkpoint(checked.get());
            }
        }
    }
}
