/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.ConsentId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A year of consent records for the dashboard benchmark, valid as the ledger writes them (one chain,
 * hashed), inserted with JDBC batches: the kinds of choice, collection points, signals and parents in a
 * mix a learning site could see, the first half under the benchmark policy and the second half under a
 * newer version whose one change is material.
 */
final class DashboardBenchData {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private DashboardBenchData() {}

    /** The benchmark policy as version 3, with a changed purpose of the necessary category (material, C17). */
    static ConsentPolicy newerPolicy(ConsentPolicy older) {
        String json;
        try (InputStream in = LedgerBenchData.class.getResourceAsStream("ledger-bench-policy.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String newer = json.replaceFirst("\"version\":\\s*" + older.version(), "\"version\":" + (older.version() + 1))
                .replace("Ihrer Auswahl erforderlich.", "Ihrer Auswahl und für die Lernstatistik erforderlich.");
        return ConsentPolicy.fromJson(newer);
    }

    /** The time of the {@code i}-th of {@code count} records: spread evenly over a year from 2025-01-01. */
    static Instant time(long i, long count) {
        return START.plusMillis(i * Duration.ofDays(365).toMillis() / count);
    }

    /** What the load left: one record to look up and check a receipt of. */
    record Loaded(ConsentRecord sample) {}

    static Loaded load(DataSource dataSource, ConsentPolicy older, ConsentPolicy newer, int count) throws SQLException {
        Random random = new Random(11);
        String previous = ConsentRecord.GENESIS_HASH;
        ConsentRecord sample = null;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO consent_record (chain_id, seq,"
                        + " record_id, recorded_at, consent_id, account_ref, event, body, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 1; i <= count; i++) {
                ConsentPolicy policy = i <= count / 2 ? older : newer;
                ConsentId id = ConsentId.random(random);
                ConsentRecord record =
                        LedgerBenchData.place(content(policy, id, random), "bulk", i, time(i, count), previous, random);
                previous = record.hash();
                if (i == count * 3 / 4) {
                    sample = record;
                }
                insert.setString(1, "bulk");
                insert.setLong(2, i);
                insert.setString(3, record.id());
                insert.setObject(4, OffsetDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC));
                insert.setString(5, id.toString());
                insert.setString(6, null);
                insert.setString(7, record.content().event().jsonName());
                insert.setString(8, RecordJson.canonicalBody(record));
                insert.setString(9, record.previousHash());
                insert.setString(10, record.hash());
                insert.addBatch();
                if (i % 1000 == 0 || i == count) {
                    insert.executeBatch();
                }
                if (i % 20_000 == 0 || i == count) {
                    connection.commit();
                }
            }
            connection.setAutoCommit(true);
        }
        return new Loaded(sample);
    }

    private static RecordContent content(ConsentPolicy policy, ConsentId id, Random random) {
        int roll = random.nextInt(100);
        ConsentEvent event = ConsentEvent.GIVEN;
        ConsentMethod method;
        CollectionPoint point;
        Set<String> granted = Set.of();
        Actor actor = Actor.VISITOR;
        if (roll < 45) {
            method = ConsentMethod.ACCEPT_ALL;
            point = CollectionPoint.FIRST_LAYER;
            granted = Set.of("functional", "analytics", "marketing");
        } else if (roll < 70) {
            method = ConsentMethod.REJECT_ALL;
            point = CollectionPoint.FIRST_LAYER;
        } else if (roll < 85) {
            method = ConsentMethod.CUSTOM;
            point = CollectionPoint.SETTINGS;
            granted = Set.of("analytics");
        } else if (roll < 90) {
            event = ConsentEvent.WITHDRAWN;
            method = ConsentMethod.WITHDRAWAL;
            point = CollectionPoint.SETTINGS;
        } else if (roll < 94) {
            method = random.nextBoolean() ? ConsentMethod.ACCEPT_ALL : ConsentMethod.REJECT_ALL;
            point = CollectionPoint.NO_SCRIPT_FORM;
        } else if (roll < 97) {
            method = ConsentMethod.CUSTOM;
            point = CollectionPoint.EMBED_PLACEHOLDER;
            granted = Set.of("functional");
        } else if (roll < 99) {
            event = ConsentEvent.SIGNAL_APPLIED;
            method = ConsentMethod.SIGNAL;
            point = CollectionPoint.SYSTEM;
        } else {
            event = ConsentEvent.PARENTAL_CONSENT;
            method = ConsentMethod.CUSTOM;
            point = CollectionPoint.SETTINGS;
            actor = Actor.PARENT;
            granted = Set.of("functional");
        }
        RecordContent.Builder builder = RecordContent.builder(policy, event)
                .consentId(id)
                .actor(actor)
                .method(method)
                .collectionPoint(point)
                .granted(granted, Set.of())
                .locale(random.nextBoolean() ? "de" : "en")
                .path("/kurse/java-grundlagen/lektion-3")
                .userAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
                .clientAddress("203.0.113.77");
        if (event == ConsentEvent.SIGNAL_APPLIED || random.nextInt(100) < 8) {
            builder.signal("gpc");
        }
        if (random.nextInt(100) < 5) {
            builder.signal("dnt");
        }
        return builder.build();
    }
}
