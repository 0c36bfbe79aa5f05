/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The appends waiting for a ledger's writer, and how the writer takes them in groups: all that wait, up
 * to {@link LedgerSettings#maxBatch()}, and, while the store is slow to commit and appends come in
 * numbers, a little more. A commit of a durable store costs about the same for one record as for dozens
 * (the pages it rewrites, the force to the disk), so when the writer finds fewer appends waiting than it
 * committed the last time, it waits for that many, but never longer than the last commit took nor than
 * {@link LedgerSettings#maxGroupWait()}: a visitor's append waits at most about one commit more, and only
 * while appends come in numbers (the first of the group came within a commit's time). An append after a
 * pause is never held, and a fast store (the in-memory ledger) hardly ever.
 *
 * <p>Used by the writer thread alone, except {@link #offer} and {@link #size}, which any thread calls.
 */
final class AppendGroups {

    private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>(65_536);
    private final int maxBatch;
    private final long maxWaitNanos;
    private int lastGroup;
    private long lastCommitNanos;

    AppendGroups(LedgerSettings settings) {
        this(settings.maxBatch(), settings.maxGroupWait().toNanos());
    }

    /** Groups of at most {@code maxBatch} appends, gathered for at most {@code maxWaitNanos}. */
    AppendGroups(int maxBatch, long maxWaitNanos) {
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWaitNanos;
    }

    /** Queues an append for the writer; false when the queue is full. */
    boolean offer(PendingAppend pending) {
        return queue.offer(pending);
    }

    /** How many appends wait. */
    int size() {
        return queue.size();
    }

    /**
     * Takes the next group into {@code group}, which must be empty: waits up to {@code idleMillis} for a
     * first append (the group stays empty when none came), then takes what waits and gathers as described
     * above. {@link PendingAppend#STOP} is never put into the group.
     *
     * @return whether {@link PendingAppend#STOP} was taken: the writer stores the group and ends
     */
    boolean next(List<PendingAppend> group, long idleMillis) throws InterruptedException {
        long polled = System.nanoTime();
        PendingAppend first = queue.poll(idleMillis, TimeUnit.MILLISECONDS);
        long waited = System.nanoTime() - polled;
        if (first == null) {
            return false;
        }
        if (take(group, first, maxBatch)) {
            return true;
        }
        // Appends come in numbers when the first came within a commit's time; after a longer pause,
        // the last group says nothing about the next.
        int wanted = waited <= lastCommitNanos ? Math.min(lastGroup, maxBatch) : 0;
        long deadline = System.nanoTime() + Math.min(maxWaitNanos, lastCommitNanos);
        while (group.size() < wanted) {
            long left = deadline - System.nanoTime();
            PendingAppend next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                break;
            }
            if (take(group, next, wanted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds {@code append} and what else waits to {@code group}, up to {@code limit} in all.
     *
     * @return whether {@link PendingAppend#STOP} came with them; it is left out of the group
     */
    private boolean take(List<PendingAppend> group, PendingAppend append, int limit) {
        if (append == PendingAppend.STOP) {
            return true;
        }
        group.add(append);
        queue.drainTo(group, limit - group.size());
        return group.remove(PendingAppend.STOP);
    }

    /** What the writer reports of the group it just stored: its size and how long storing it took. */
    void stored(int size, long nanos) {
        lastGroup = size;
        lastCommitNanos = nanos;
    }

    /** Queues the writer's stop, after every append queued before it; false when the queue is full. */
    boolean stop() {
        return queue.offer(PendingAppend.STOP);
    }
}
