/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.consent4j.core.ledger.IpPrefix;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits how many choices one network may post within a window, so that a script cannot flood the
 * ledger. Counts per truncated address (/24 or /48, see {@link IpPrefix}): the full address is never
 * kept (C23). Fixed windows on the given clock; memory is bounded by a Caffeine cache of at most
 * {@code maxClients} networks. The address is the request's remote address as the container gives it,
 * so behind a proxy the container must read the proxy's forwarded headers. Thread-safe.
 */
final class PostRateLimiter {

    private final int maxPosts;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> windows;

    /** Checks a rate limit's settings, naming the bad one. */
    static void check(int posts, Duration window, long maxClients) {
        if (posts < 1) {
            throw new IllegalArgumentException(
                    "consent endpoint setting 'rateLimit.posts' must be at least 1, was " + posts);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "consent endpoint setting 'rateLimit.window' must be positive, was " + window);
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException(
                    "consent endpoint setting 'rateLimit.maxClients' must be at least 1, was " + maxClients);
        }
    }

    PostRateLimiter(int maxPosts, Duration window, long maxClients, Clock clock) {
        this.maxPosts = maxPosts;
        this.window = window;
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterWrite(window)
                .build();
    }

    /**
     * Counts one post from {@code remoteAddress}.
     *
     * @throws Problem 429 with {@code Retry-After} when the network posted too often in this window
     */
    void acquire(String remoteAddress) {
        String key = IpPrefix.of(remoteAddress).orElse("other");
        Instant now = clock.instant();
        // A read first: most posts fall into a window that is open, and compute() would lock the entry
        // (a whole network's posts, or every post behind one proxy) even then.
        Window current = windows.getIfPresent(key);
        if (current == null || current.isOverAt(now, window)) {
            current =
                    windows.asMap().compute(key, (k, w) -> w == null || w.isOverAt(now, window) ? new Window(now) : w);
        }
        if (current.count.incrementAndGet() > maxPosts) {
            long retry = Math.max(
                    1, Duration.between(now, current.start.plus(window)).toSeconds());
            throw new Problem(
                            429,
                            "too-many-posts",
                            "Too many requests",
                            "too many choices were posted from this network; try again in " + retry + " seconds")
                    .header("Retry-After", Long.toString(retry));
        }
    }

    private static final class Window {
        final Instant start;
        final AtomicInteger count = new AtomicInteger();

        Window(Instant start) {
            this.start = start;
        }

        boolean isOverAt(Instant now, Duration length) {
            return !now.isBefore(start.plus(length));
        }
    }
}
