/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@link LedgerInsights} computed by reading every record once per question: right for the in-memory
 * store and for stores without a faster way; a database store answers from its tables instead.
 */
final class IteratedInsights implements LedgerInsights {

    /** The span of times every store holds. */
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final ConsentLedger ledger;

    IteratedInsights(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Overview overview() {
        Map<String, long[]> chains = new TreeMap<>();
        Map<String, Instant> heads = new TreeMap<>();
        Instant oldest = null;
        try (Stream<ConsentRecord> records = ledger.stream(EARLIEST, LATEST)) {
            for (ConsentRecord r : (Iterable<ConsentRecord>) records::iterator) {
                if (oldest == null || r.recordedAt().isBefore(oldest)) {
                    oldest = r.recordedAt();
                }
                long[] c = chains.computeIfAbsent(r.chainId(), k -> new long[] {0, Long.MAX_VALUE, 0});
                c[0]++;
                c[1] = Math.min(c[1], r.sequence());
                if (r.sequence() > c[2]) {
                    c[2] = r.sequence();
                    heads.put(r.chainId(), r.recordedAt());
                }
            }
        }
        List<ChainSummary> summaries = new ArrayList<>();
        chains.forEach((id, c) -> summaries.add(new ChainSummary(id, c[0], c[1], c[2], heads.get(id))));
        return new Overview(summaries, oldest);
    }

    @Override
    public List<ChoiceCount> choices(LocalDate from, LocalDate to) {
        return tally(from, to).choices();
    }

    @Override
    public List<CategoryCount> categories(LocalDate from, LocalDate to) {
        return tally(from, to).categories();
    }

    @Override
    public List<PolicyUse> policyUses() {
        return tally(null, null).policyUses();
    }

    private Tally tally(LocalDate from, LocalDate to) {
        Instant start =
                from == null ? EARLIEST : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to == null ? LATEST : to.atStartOfDay(ZoneOffset.UTC).toInstant();
        Tally tally = new Tally();
        if (start.isBefore(end)) {
            try (Stream<ConsentRecord> records = ledger.stream(start, end)) {
                records.forEach(tally::add);
            }
        }
        return tally;
    }
}
