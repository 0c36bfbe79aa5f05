/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.util.List;

/** Where a {@link CookieInventory} is kept across restarts. */
interface CookieInventoryStore {

    /** No store: the inventory lives in memory only. */
    CookieInventoryStore NONE = new CookieInventoryStore() {
        @Override
        public List<SeenCookie> load(int max) {
            return List.of();
        }

        @Override
        public void save(List<Change> changes) {
            // nothing to keep
        }
    };

    /**
     * The kept entries, at most {@code max}, most recently seen first.
     *
     * @throws RuntimeException when the store cannot be read
     */
    List<SeenCookie> load(int max);

    /**
     * Keeps the changed entries: adds each one's new sightings to the stored count (so that several nodes
     * on one database add up), and widens the stored first and last times.
     *
     * @throws RuntimeException when the store cannot be written; nothing is then taken as kept
     */
    void save(List<Change> changes);

    /**
     * One entry to keep.
     *
     * @param seen the entry as it is now
     * @param newSightings how many of its sightings the store has not counted yet
     */
    record Change(SeenCookie seen, long newSightings) {}
}
