/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.PolicyJson;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What a ledger keeps on disk per record, for {@code benchmarks/post-ratio.sh}: the records, their
 * canonical size (the bodies the hashes cover, in UTF-8) and the store's bytes, then the same after a
 * retention purge of the older half of the records. Run it on a ledger no process has open.
 *
 * <ul>
 *   <li>H2 ({@code --h2=PATH}, the ledger path without {@code .mv.db}): the size of the file as the site
 *       left it. The purge runs through {@link JdbcConsentLedger#h2File}, as the site's retention job
 *       would, and is measured once the open store has stopped shrinking its file (at most
 *       {@code --settle} seconds, default 180) and closed it.
 *   <li>PostgreSQL ({@code --jdbc=URL}): {@code pg_total_relation_size} of {@code consent_record} (heap,
 *       TOAST and indexes) after {@code VACUUM}, which is what autovacuum runs; the write-ahead log is
 *       not counted, since PostgreSQL recycles it at every checkpoint. After the purge and a
 *       {@code VACUUM}, PostgreSQL keeps the freed pages in the table for new rows instead of returning
 *       them to the file system; the free space is printed beside the size where the
 *       {@code pg_freespacemap} extension is installed, and a {@code refilled} line shows the size once as
 *       many new records as were purged have been appended (and vacuumed): about the size before the
 *       purge where the new records took the freed pages.
 * </ul>
 *
 * Prints {@code name=value} lines, one per state. {@code --key} is the site's receipt key (base64), so
 * that the checkpoint the purge's ledger writes when it closes verifies with the site's key.
 */
public final class LedgerSize {

    private LedgerSize() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("h2", "jdbc", "key", "purge", "settle"));
        int settle = options.getInt("settle", 180);
        String key = options.get("key", null);
        ReceiptSigner signer =
                key == null ? ReceiptSigner.generate("bench") : ReceiptSigner.fromBase64("receipts-1", key);
        boolean purge = !"no".equals(options.get("purge", "half"));
        String h2 = options.get("h2", null);
        if (h2 != null) {
            h2(Path.of(h2).toAbsolutePath(), signer, purge, settle);
        } else {
            postgresql(options.required("jdbc"), signer, purge);
        }
    }

    private static void h2(Path ledger, ReceiptSigner signer, boolean purge, int settle) throws Exception {
        Path file = Path.of(ledger + ".mv.db");
        long bytes = Files.size(file);
        // Read-only, so that counting changes nothing in the file that was measured.
        Figures figures;
        try (Connection connection =
                DriverManager.getConnection("jdbc:h2:file:" + ledger + ";ACCESS_MODE_DATA=r", "sa", "")) {
            figures = figures(connection);
        }
        print("closed", figures, bytes, -1);
        if (!purge || figures.records < 2) {
            return;
        }
        try (JdbcConsentLedger store = JdbcConsentLedger.h2File(ledger, settings(signer, figures.chain))) {
            purgeOlderHalf(store, figures);
            settle(file, settle);
        }
        try (Connection connection =
                DriverManager.getConnection("jdbc:h2:file:" + ledger + ";ACCESS_MODE_DATA=r", "sa", "")) {
            figures = figures(connection);
        }
        print("purged", figures, Files.size(file), -1);
    }

    /**
     * Waits while the open store shrinks its file (its compaction, as in a site that purged and runs on),
     * until it has not shrunk for 10 s or {@code seconds} have passed.
     */
    private static void settle(Path file, int seconds) throws Exception {
        long last = Files.size(file);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int still = 0;
        while (still < 10 && System.nanoTime() < end) {
            Thread.sleep(1000);
            long size = Files.size(file);
            still = size < last ? 0 : still + 1;
            last = size;
        }
    }

    private static void postgresql(String url, ReceiptSigner signer, boolean purge) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        Figures figures = postgresqlFigures(dataSource, "closed");
        if (!purge || figures.records < 2) {
            return;
        }
        try (JdbcConsentLedger store = new JdbcConsentLedger(dataSource, settings(signer, figures.chain))) {
            ConsentPolicy policy = purgeOlderHalf(store, figures);
            Figures purged = postgresqlFigures(dataSource, "purged");
            refill(store, policy, figures.records - purged.records);
        }
        postgresqlFigures(dataSource, "refilled");
    }

    /**
     * Appends {@code count} new records (accept all, each a new visitor) from 32 threads at once, as many
     * as the purge removed: on PostgreSQL, where the table keeps the pages a purge freed, the size after
     * this says whether the new records went into them.
     */
    private static void refill(JdbcConsentLedger store, ConsentPolicy policy, long count) throws Exception {
        Set<String> categories = new TreeSet<>();
        policy.categories().forEach(c -> categories.add(c.id()));
        AtomicLong left = new AtomicLong(count);
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                done.add(threads.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        store.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                                .consentId(ConsentId.generate())
                                .method(ConsentMethod.ACCEPT_ALL)
                                .collectionPoint(CollectionPoint.FIRST_LAYER)
                                .granted(categories, Set.of())
                                .locale("de")
                                .path("/kurse")
                                .userAgent("consent4j-load (wrk)")
                                .clientAddress("127.0.0.1")
                                .build());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    private static Figures postgresqlFigures(DataSource dataSource, String state) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE) consent_record");
            Figures figures = figures(connection);
            long bytes;
            long free;
            try (ResultSet row = statement.executeQuery("SELECT pg_total_relation_size('consent_record'),"
                    + " (SELECT coalesce(sum(avail), 0) FROM pg_freespace('consent_record'))")) {
                row.next();
                bytes = row.getLong(1);
                free = row.getLong(2);
            } catch (SQLException e) {
                // pg_freespace is an extension (pg_freespacemap); without it the free space is not shown.
                try (ResultSet row = statement.executeQuery("SELECT pg_total_relation_size('consent_record')")) {
                    row.next();
                    bytes = row.getLong(1);
                    free = -1;
                }
            }
            print(state, figures, bytes, free);
            return figures;
        }
    }

    /** Records, canonical bytes, the chain, and the time of the middle record. */
    private record Figures(long records, long canonicalBytes, String chain, Instant middle) {}

    private static Figures figures(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long records;
            long canonical;
            try (ResultSet row =
                    statement.executeQuery("SELECT COUNT(*), SUM(OCTET_LENGTH(body)) FROM consent_record")) {
                row.next();
                records = row.getLong(1);
                canonical = row.getLong(2);
            }
            String chain = null;
            Instant middle = null;
            if (records > 0) {
                try (ResultSet row = statement.executeQuery("SELECT chain_id, recorded_at FROM consent_record"
                        + " ORDER BY recorded_at, chain_id, seq OFFSET " + records / 2
                        + " ROWS FETCH FIRST 1 ROW ONLY")) {
                    row.next();
                    chain = row.getString(1);
                    middle = row.getObject(2, java.time.OffsetDateTime.class).toInstant();
                }
            }
            return new Figures(records, canonical, chain, middle);
        }
    }

    private static LedgerSettings settings(ReceiptSigner signer, String chain) {
        return LedgerSettings.builder(signer).chainId(chain).build();
    }

    /** Purges the records before the middle one, under the newest archived policy, as the retention job would. */
    private static ConsentPolicy purgeOlderHalf(JdbcConsentLedger store, Figures figures) {
        ConsentPolicy policy;
        try (Stream<ConsentRecord> newest =
                store.stream(figures.middle(), Instant.now().plusSeconds(3600))) {
            String hash = newest.reduce((a, b) -> b)
                    .map(r -> r.content().policyHash())
                    .orElseThrow();
            Optional<String> text = store.findPolicy(hash);
            policy = PolicyJson.read(text.orElseThrow());
        }
        store.archive(policy);
        store.purgeBefore(figures.middle());
        return policy;
    }

    private static void print(String state, Figures f, long bytes, long free) {
        double perRecord = f.records == 0 ? 0 : (double) bytes / f.records;
        double canonical = f.records == 0 ? 0 : (double) f.canonicalBytes / f.records;
        System.out.printf(
                Locale.ROOT,
                "%s records=%d canonical_bytes=%d store_bytes=%d per_record=%.0f canonical_per_record=%.0f"
                        + " ratio=%.2f free_bytes=%d%n",
                state,
                f.records,
                f.canonicalBytes,
                bytes,
                perRecord,
                canonical,
                canonical == 0 ? 0 : perRecord / canonical,
                free);
    }
}
