/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * What {@link ConsentDecider} knows about each cookie value it has verified: a bounded, expiring Caffeine
 * cache with a small array of the most recently used entries in front of it. The cache knows nothing of
 * decisions; {@code verify} computes an entry from a cookie value.
 *
 * @param <V> what is kept per cookie value; immutable, or safe to share between threads
 */
final class VerifiedCookieCache<V> {

    /** Slots in front of the cache; a power of two. */
    private static final int RECENT_SLOTS = 256;

    private final Function<String, V> verify;
    /** Null when the cache size is 0. */
    private final Cache<String, Stamped<V>> verified;
    /**
     * The most recently used entries of {@link #verified}, one per slot by hash, in front of it: a returning
     * visitor's next requests then cost an array read and a string comparison instead of a cache lookup with
     * its bookkeeping. Slots are replaced racily, which is safe as entries are immutable. Null without a cache.
     */
    private final Recent<V>[] recent;

    private final long ttlNanos;
    /** Hits served by {@link #recent}, counted only when statistics are recorded. */
    private final LongAdder recentHits;

    private final Function<String, Stamped<V>> stamp;

    @SuppressWarnings("unchecked")
    VerifiedCookieCache(long size, Duration ttl, boolean recordStats, Function<String, V> verify) {
        this.verify = verify;
        Caffeine<Object, Object> cache = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl);
        if (recordStats) {
            cache.recordStats();
        }
        // Caffeine evicts asynchronously, so maximumSize(0) would still serve most repeated lookups.
        this.verified = size == 0 ? null : cache.build();
        this.recent = size == 0 ? null : (Recent<V>[]) new Recent<?>[RECENT_SLOTS];
        this.ttlNanos = ttl.toNanos();
        this.recentHits = recordStats ? new LongAdder() : null;
        this.stamp = value -> new Stamped<>(verify.apply(value), System.nanoTime());
    }

    /** The entry of a cookie value, verified now or earlier within the TTL. */
    V get(String cookieValue) {
        if (verified == null) {
            return verify.apply(cookieValue);
        }
        int slot = slot(cookieValue);
        Recent<V> front = recent[slot];
        long now = System.nanoTime();
        if (front != null && now - front.entry.since < ttlNanos && front.value.equals(cookieValue)) {
            if (recentHits != null) {
                recentHits.increment();
            }
            return front.entry.value;
        }
        Stamped<V> entry = verified.get(cookieValue, stamp);
        recent[slot] = new Recent<>(cookieValue, entry);
        return entry.value;
    }

    /**
     * The slot of {@link #recent} for a cookie value, from its length and last four characters: the end of
     * a genuine value is its MAC, random enough to spread visitors over the slots, and reading four
     * characters spares hashing the whole value on every request. Values that share a slot only take turns
     * in it; the comparison of the whole value decides a hit.
     */
    private static int slot(String cookieValue) {
        int length = cookieValue.length();
        int hash = length;
        for (int i = Math.max(0, length - 4); i < length; i++) {
            hash = 31 * hash + cookieValue.charAt(i);
        }
        return (hash ^ (hash >>> 8)) & (RECENT_SLOTS - 1);
    }

    /** The cache's statistics, hits of {@link #recent} counted as hits; empty without a cache. */
    CacheStats stats() {
        if (verified == null) {
            return CacheStats.empty();
        }
        CacheStats stats = verified.stats();
        long hits = recentHits == null ? 0 : recentHits.sum();
        return stats.plus(CacheStats.of(hits, 0, 0, 0, 0, 0, 0));
    }

    /**
     * An entry and when it was verified, in {@link System#nanoTime()}, so that {@link #recent} keeps the
     * cache's TTL.
     */
    private record Stamped<V>(V value, long since) {}

    /** A slot of {@link #recent}: a cookie value and its entry. */
    private record Recent<V>(String value, Stamped<V> entry) {}
}
