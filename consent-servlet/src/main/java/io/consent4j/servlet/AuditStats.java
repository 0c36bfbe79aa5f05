/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordContent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The statistics answer of the {@link AuditEndpoint} ({@code GET PATH/stats}): events per UTC day, and per
 * category how often it was granted among the choices (given, updated, withdrawn, parental consent) in a
 * range.
 */
final class AuditStats {

    private static final Set<ConsentEvent> CHOICES =
            EnumSet.of(ConsentEvent.GIVEN, ConsentEvent.UPDATED, ConsentEvent.WITHDRAWN, ConsentEvent.PARENTAL_CONSENT);

    private AuditStats() {}

    /** The statistics of the records of {@code ledger} in {@code range}, as the endpoint's JSON. */
    static ObjectNode of(ConsentLedger ledger, AuditRange range) {
        Map<LocalDate, Map<String, Long>> days = new TreeMap<>();
        Map<String, long[]> categories = new TreeMap<>();
        long[] choices = {0};
        try (Stream<ConsentRecord> records = ledger.stream(range.from(), range.to())) {
            records.forEach(r -> {
                LocalDate day = r.recordedAt().atOffset(ZoneOffset.UTC).toLocalDate();
                RecordContent content = r.content();
                days.computeIfAbsent(day, d -> new TreeMap<>())
                        .merge(content.event().jsonName(), 1L, Long::sum);
                if (CHOICES.contains(content.event())) {
                    choices[0]++;
                    content.categories().forEach((id, granted) -> {
                        long[] counts = categories.computeIfAbsent(id, k -> new long[2]);
                        counts[0]++;
                        if (granted) {
                            counts[1]++;
                        }
                    });
                }
            });
        }
        ObjectNode body = Problem.JSON.createObjectNode();
        body.put("from", range.from().toString());
        body.put("to", range.to().toString());
        body.put("choices", choices[0]);
        ArrayNode perDay = body.putArray("days");
        days.forEach((day, events) -> {
            ObjectNode d = perDay.addObject();
            d.put("date", day.toString());
            d.put("total", events.values().stream().mapToLong(Long::longValue).sum());
            ObjectNode e = d.putObject("events");
            events.forEach(e::put);
        });
        ObjectNode perCategory = body.putObject("categories");
        categories.forEach((id, counts) -> {
            ObjectNode c = perCategory.putObject(id);
            c.put("choices", counts[0]);
            c.put("granted", counts[1]);
            c.put("grantRate", counts[0] == 0 ? 0.0 : Math.round(counts[1] * 10_000.0 / counts[0]) / 10_000.0);
        });
        return body;
    }
}
