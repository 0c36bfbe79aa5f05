/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Aggregates of a ledger for the auditor dashboard: counts, never records. A store answers them from its
 * database (grouped queries or counters it keeps) so that they stay fast with millions of records; the
 * default of {@link ConsentLedger#insights()} computes them by reading the records once, one at a time.
 * Days are UTC days of the records' times.
 */
public interface LedgerInsights {

    /**
     * Records in total and per chain, and the oldest record's time. Every chain with a checkpoint or an
     * anchor is in it, and the asking ledger's own; another node's chain may be missing until its first
     * checkpoint (by default after 1,000 records or a minute).
     */
    Overview overview();

    /**
     * The choices per day and kind in {@code from <= day < to}: every record except purges, counted by
     * event, method, collection point, policy version and the signals it carried.
     */
    List<ChoiceCount> choices(LocalDate from, LocalDate to);

    /** Per day, category, policy version and collection point: how many choices, how many granted it. */
    List<CategoryCount> categories(LocalDate from, LocalDate to);

    /** Every policy that records name, with when it was first used and by how many records. */
    List<PolicyUse> policyUses();

    /** The insights of {@code ledger} computed by reading its records, one at a time. */
    static LedgerInsights byIteration(ConsentLedger ledger) {
        return new IteratedInsights(Objects.requireNonNull(ledger, "ledger"));
    }

    /**
     * One chain's stretch in the store.
     *
     * @param chainId the chain
     * @param records how many records it holds now: the positions from its first to its head
     * @param firstSequence the sequence number of its oldest record still held (after purges)
     * @param lastSequence the sequence number of its head
     * @param lastRecordedAt the head's time
     */
    record ChainSummary(String chainId, long records, long firstSequence, long lastSequence, Instant lastRecordedAt) {
        /** Checks the parts. */
        public ChainSummary {
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(lastRecordedAt, "lastRecordedAt");
        }
    }

    /**
     * The ledger at a glance.
     *
     * @param chains every chain that holds records, by chain id
     * @param oldestRecord the time of the oldest record held; null when there is none
     */
    record Overview(List<ChainSummary> chains, Instant oldestRecord) {
        /** Copies the chains. */
        public Overview {
            chains = List.copyOf(chains);
        }

        /** Records in total. */
        public long records() {
            return chains.stream().mapToLong(ChainSummary::records).sum();
        }
    }

    /**
     * How many records of one kind a day holds.
     *
     * @param day the UTC day
     * @param event what happened
     * @param method how
     * @param collectionPoint where
     * @param policyVersion the policy version shown
     * @param gpc whether the request carried Global Privacy Control
     * @param dnt whether it carried Do Not Track
     * @param parental whether a parent acted
     * @param count how many records
     */
    record ChoiceCount(
            LocalDate day,
            ConsentEvent event,
            ConsentMethod method,
            CollectionPoint collectionPoint,
            int policyVersion,
            boolean gpc,
            boolean dnt,
            boolean parental,
            long count) {
        /** Checks the parts. */
        public ChoiceCount {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(collectionPoint, "collectionPoint");
        }
    }

    /**
     * How often a category was part of a choice on a day, and how often it was granted.
     *
     * @param day the UTC day
     * @param category the category id
     * @param policyVersion the policy version shown
     * @param collectionPoint where the choice was made
     * @param choices the choices (given, updated, withdrawn, parental consent) that listed the category
     * @param granted how many of them granted it
     */
    record CategoryCount(
            LocalDate day,
            String category,
            int policyVersion,
            CollectionPoint collectionPoint,
            long choices,
            long granted) {
        /** Checks the parts. */
        public CategoryCount {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(collectionPoint, "collectionPoint");
        }
    }

    /**
     * A policy as records use it.
     *
     * @param policyHash its content hash
     * @param version its version
     * @param firstUsed the time of the first record under it
     * @param records how many records name it
     */
    record PolicyUse(String policyHash, int version, Instant firstUsed, long records) {
        /** Checks the parts. */
        public PolicyUse {
            Objects.requireNonNull(policyHash, "policyHash");
            Objects.requireNonNull(firstUsed, "firstUsed");
        }
    }

    /**
     * Adds records up into the counts of this interface: what {@link #byIteration} computes, and what a
     * store that keeps counters adds to them. Not thread-safe.
     */
    final class Tally {

        /** The events that are a choice over the categories. */
        private static final Set<ConsentEvent> CHOICES = EnumSet.of(
                ConsentEvent.GIVEN, ConsentEvent.UPDATED, ConsentEvent.WITHDRAWN, ConsentEvent.PARENTAL_CONSENT);

        private final Map<ChoiceCount, long[]> choices = new HashMap<>();
        private final Map<CategoryCount, long[]> categories = new HashMap<>();
        private final Map<String, PolicyUse> policies = new HashMap<>();

        /** Adds one record; purge records count nowhere. */
        public void add(ConsentRecord record) {
            RecordContent c = record.content();
            if (c.event() == ConsentEvent.PURGE) {
                return;
            }
            LocalDate day = record.recordedAt().atOffset(ZoneOffset.UTC).toLocalDate();
            ChoiceCount choice = new ChoiceCount(
                    day,
                    c.event(),
                    c.method(),
                    c.collectionPoint(),
                    c.policyVersion(),
                    c.signals().contains("gpc"),
                    c.signals().contains("dnt"),
                    c.actor() == Actor.PARENT,
                    0);
            choices.computeIfAbsent(choice, k -> new long[1])[0]++;
            if (CHOICES.contains(c.event())) {
                c.categories().forEach((id, granted) -> {
                    long[] n = categories.computeIfAbsent(
                            new CategoryCount(day, id, c.policyVersion(), c.collectionPoint(), 0, 0), k -> new long[2]);
                    n[0]++;
                    if (granted) {
                        n[1]++;
                    }
                });
            }
            policies.merge(
                    c.policyHash(),
                    new PolicyUse(c.policyHash(), c.policyVersion(), record.recordedAt(), 1),
                    (a, b) -> new PolicyUse(
                            a.policyHash(),
                            a.version(),
                            a.firstUsed().isBefore(b.firstUsed()) ? a.firstUsed() : b.firstUsed(),
                            a.records() + b.records()));
        }

        /** The choice counts added up, oldest day first. */
        public List<ChoiceCount> choices() {
            List<ChoiceCount> out = new ArrayList<>();
            choices.forEach((k, n) -> out.add(new ChoiceCount(
                    k.day(),
                    k.event(),
                    k.method(),
                    k.collectionPoint(),
                    k.policyVersion(),
                    k.gpc(),
                    k.dnt(),
                    k.parental(),
                    n[0])));
            out.sort(Comparator.comparing(ChoiceCount::day));
            return out;
        }

        /** The category counts added up, oldest day first. */
        public List<CategoryCount> categories() {
            List<CategoryCount> out = new ArrayList<>();
            categories.forEach((k, n) -> out.add(
                    new CategoryCount(k.day(), k.category(), k.policyVersion(), k.collectionPoint(), n[0], n[1])));
            out.sort(Comparator.comparing(CategoryCount::day).thenComparing(CategoryCount::category));
            return out;
        }

        /** The policies used, oldest version first. */
        public List<PolicyUse> policyUses() {
            List<PolicyUse> out = new ArrayList<>(policies.values());
            out.sort(Comparator.comparingInt(PolicyUse::version).thenComparing(PolicyUse::firstUsed));
            return out;
        }
    }
}
