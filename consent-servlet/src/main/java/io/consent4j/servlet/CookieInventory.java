/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cookies the {@link ConsentFilter} saw the application set that the policy does not declare, so that
 * a site finds out that its policy and its pages have drifted apart: per name, when it was first and last
 * seen, how often, on which paths, and the category it most likely belongs in. Names only, never values.
 *
 * <p>Bounded: at most {@link #MAX_NAMES} names, each with at most {@link #MAX_PATHS} paths; a name that
 * arrives when the inventory is full is not kept, only counted ({@link #namesNotKept()}), and logged once.
 * Recording a sighting runs on the request's thread and only touches memory; a {@link CookieInventoryStore}
 * keeps the inventory across restarts, written by a daemon thread of its own every
 * {@link #FLUSH_INTERVAL} and when the inventory closes. Nothing here fails a page: an error is logged and
 * the page answers normally. Thread-safe.
 */
final class CookieInventory implements AutoCloseable {

    /** How many distinct cookie names are kept. */
    static final int MAX_NAMES = 500;

    /** How many distinct paths are kept per name. */
    static final int MAX_PATHS = 10;

    /** Longer names are cut to this length. */
    static final int MAX_NAME_LENGTH = 128;

    /** Longer paths are cut to this length. */
    static final int MAX_PATH_LENGTH = 200;

    /** How often the changes are written to the store. */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(CookieInventory.class);

    private final Clock clock;
    private final CookieInventoryStore store;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong namesNotKept = new AtomicLong();
    private final AtomicBoolean fullLogged = new AtomicBoolean();
    private final AtomicBoolean recordFailureLogged = new AtomicBoolean();
    private final ScheduledExecutorService flusher;
    private volatile boolean storeFailing;

    private CookieInventory(Clock clock, CookieInventoryStore store, boolean scheduled) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        for (SeenCookie seen : load(store)) {
            if (entries.size() < MAX_NAMES) {
                entries.putIfAbsent(seen.name(), new Entry(seen));
            }
        }
        if (scheduled) {
            this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "consent4j-cookie-inventory");
                thread.setDaemon(true);
                return thread;
            });
            long every = FLUSH_INTERVAL.toMillis();
            flusher.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
        } else {
            this.flusher = null;
        }
    }

    /** An inventory held in memory only, as the in-memory ledger's is. */
    static CookieInventory inMemory(Clock clock) {
        return new CookieInventory(clock, CookieInventoryStore.NONE, false);
    }

    /** An inventory loaded from {@code store}, written back to it on a thread of its own and on close. */
    static CookieInventory stored(Clock clock, CookieInventoryStore store) {
        return new CookieInventory(clock, store, true);
    }

    /** An inventory on {@code store} that writes to it only when {@link #flush()} or {@link #close()} says so. */
    static CookieInventory storedWithoutSchedule(Clock clock, CookieInventoryStore store) {
        return new CookieInventory(clock, store, false);
    }

    private static List<SeenCookie> load(CookieInventoryStore store) {
        try {
            return store.load(MAX_NAMES);
        } catch (RuntimeException e) {
            LOG.warn(
                    "consent4j could not read the cookie inventory ({}); it starts empty and is written when the"
                            + " database allows",
                    e.toString());
            return List.of();
        }
    }

    /**
     * The application set the undeclared cookie {@code name} on the response to {@code request}. Never
     * throws: an error is logged.
     */
    void saw(String name, HttpServletRequest request) {
        try {
            saw(name, request == null ? "/" : request.getRequestURI());
        } catch (RuntimeException e) {
            if (recordFailureLogged.compareAndSet(false, true)) {
                LOG.error("consent4j could not add a cookie to the inventory; further failures are not logged", e);
            }
        }
    }

    /** The application set the undeclared cookie {@code name} on {@code path}. */
    void saw(String name, String path) {
        String kept = clean(name, MAX_NAME_LENGTH);
        if (kept.isEmpty()) {
            return;
        }
        // Milliseconds, as the store keeps them.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Entry entry = entries.get(kept);
        if (entry == null) {
            if (entries.size() >= MAX_NAMES) {
                namesNotKept.incrementAndGet();
                if (fullLogged.compareAndSet(false, true)) {
                    LOG.warn(
                            "The cookie inventory holds {} names, its limit: names seen from now on are counted, not"
                                    + " kept. Declare the cookies in the policy.",
                            MAX_NAMES);
                }
                return;
            }
            entry = entries.computeIfAbsent(kept, key -> new Entry(key, now));
        }
        entry.saw(now, path(path));
    }

    /** The entries, most recently seen first. */
    List<SeenCookie> snapshot() {
        List<SeenCookie> list = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            list.add(entry.snapshot());
        }
        list.sort(Comparator.comparing(SeenCookie::lastSeen).reversed().thenComparing(SeenCookie::name));
        return list;
    }

    /** How many sightings of names were not kept because the inventory was full. */
    long namesNotKept() {
        return namesNotKept.get();
    }

    /** Writes what changed since the last write to the store; an error is logged, and the changes stay. */
    synchronized void flush() {
        List<CookieInventoryStore.Change> changes = new ArrayList<>();
        List<Entry> changed = new ArrayList<>();
        for (Entry entry : entries.values()) {
            CookieInventoryStore.Change change = entry.change();
            if (change != null) {
                changes.add(change);
                changed.add(entry);
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        try {
            store.save(changes);
        } catch (RuntimeException e) {
            if (!storeFailing) {
                LOG.error("consent4j could not write the cookie inventory; it tries again later", e);
            }
            storeFailing = true;
            return;
        }
        storeFailing = false;
        for (int i = 0; i < changed.size(); i++) {
            changed.get(i).saved(changes.get(i).newSightings());
        }
    }

    /** Stops the writer thread and writes what changed. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flush();
    }

    /** Printable ASCII only, at most {@code max} characters: names and paths are untrusted text. */
    static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    /** The path without query and path parameters (such as {@code ;jsessionid=}). */
    private static String path(String uri) {
        String path = uri == null || uri.isEmpty() ? "/" : uri;
        int cut = path.indexOf(';');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        cut = path.indexOf('?');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        return clean(path, MAX_PATH_LENGTH);
    }

    /** One name's facts; guarded by itself, held only for a few field updates. */
    private static final class Entry {
        private final String name;
        private final LikelyCategory category;
        private Instant firstSeen;
        private Instant lastSeen;
        private long count;
        private final LinkedHashSet<String> paths = new LinkedHashSet<>();
        private boolean morePaths;
        /** Sightings not yet written to the store; positive means the entry changed. */
        private long unsaved;

        Entry(String name, Instant now) {
            this.name = name;
            this.category = LikelyCategory.of(name);
            this.firstSeen = now;
            this.lastSeen = now;
        }

        Entry(SeenCookie seen) {
            this.name = seen.name();
            this.category = seen.likelyCategory();
            this.firstSeen = seen.firstSeen();
            this.lastSeen = seen.lastSeen();
            this.count = seen.count();
            this.paths.addAll(
                    seen.paths().subList(0, Math.min(MAX_PATHS, seen.paths().size())));
            this.morePaths = seen.morePaths();
        }

        synchronized void saw(Instant now, String path) {
            if (now.isBefore(firstSeen)) {
                firstSeen = now;
            }
            if (now.isAfter(lastSeen)) {
                lastSeen = now;
            }
            count++;
            unsaved++;
            if (!paths.contains(path)) {
                if (paths.size() < MAX_PATHS) {
                    paths.add(path);
                } else {
                    morePaths = true;
                }
            }
        }

        synchronized SeenCookie snapshot() {
            return new SeenCookie(name, category, firstSeen, lastSeen, count, List.copyOf(paths), morePaths);
        }

        synchronized CookieInventoryStore.Change change() {
            return unsaved == 0 ? null : new CookieInventoryStore.Change(snapshot(), unsaved);
        }

        synchronized void saved(long sightings) {
            unsaved -= sightings;
        }
    }
}
