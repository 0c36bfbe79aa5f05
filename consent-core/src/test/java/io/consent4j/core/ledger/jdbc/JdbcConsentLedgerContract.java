/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentLedgerContract;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerException;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.ledger.VerificationReport;
import io.consent4j.core.ledger.VerificationReport.Failure;
import io.consent4j.core.token.ConsentId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for {@link JdbcConsentLedger} on one database, with the tamper hooks written in SQL
 * (what an attacker with database access would do), plus what only a SQL store can get wrong: columns
 * edited beside the body, a batch that fails half-way, a commit that fails, connections left open.
 */
abstract class JdbcConsentLedgerContract extends ConsentLedgerContract {

    /** A data source on this test's database, with the ledger's tables. */
    protected abstract DataSource dataSource();

    /** The dialect of this test's database. */
    protected abstract JdbcDialect dialect();

    @Override
    protected ConsentLedger openLedger(LedgerSettings settings) {
        return new JdbcConsentLedger(dataSource(), settings, dialect());
    }

    /** Creates the ledger's tables in a fresh database. */
    protected void createTables(DataSource dataSource) {
        new JdbcConsentLedger(dataSource, settings("schema"), dialect()).initializeSchema();
    }

    protected LedgerSettings settings(String chainId) {
        return LedgerSettings.builder(SIGNER).chainId(chainId).clock(clock).build();
    }

    protected int execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    protected List<Long> sequences(String chainId) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT seq FROM consent_record WHERE chain_id = ? ORDER BY seq")) {
            statement.setString(1, chainId);
            List<Long> sequences = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getLong(1));
                }
            }
            return sequences;
        }
    }

    /**
     * Starts eight nodes on {@code nodes}, a database without the ledger's tables, all creating the schema
     * at once, as a cluster's first deployment does; then one of them appends.
     */
    protected void createSchemaFromEightNodesAtOnce(DataSource nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int node = 0; node < 8; node++) {
                String chain = "node-" + node;
                starts.add(
                        pool.submit(() -> new JdbcConsentLedger(nodes, settings(chain), dialect()).initializeSchema()));
            }
            for (Future<?> start : starts) {
                start.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (JdbcConsentLedger ledger = new JdbcConsentLedger(nodes, settings("node-0"), dialect())) {
            ledger.archive(policy);
            assertThat(ledger.append(given(ConsentId.random())).sequence()).isEqualTo(1);
        }
    }

    @Override
    protected void tamperChangeBody(String chainId, long sequence, String newBody) throws SQLException {
        assertThat(execute(
                        "UPDATE consent_record SET body = ? WHERE chain_id = ? AND seq = ?",
                        newBody,
                        chainId,
                        sequence))
                .isEqualTo(1);
    }

    @Override
    protected void tamperDelete(String chainId, long sequence) throws SQLException {
        assertThat(execute("DELETE FROM consent_record WHERE chain_id = ? AND seq = ?", chainId, sequence))
                .isEqualTo(1);
    }

    @Override
    protected void tamperInsert(StoredRecord row) throws SQLException {
        insertRow(row);
    }

    /** Inserts a row whose columns agree with its body, as a careful attacker would. */
    protected void insertRow(StoredRecord row) throws SQLException {
        ConsentRecord record = row.toRecord();
        try (Connection connection = dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO consent_record (chain_id, seq,"
                        + " record_id, recorded_at, consent_id, account_ref, event, body, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, row.chainId());
            insert.setLong(2, row.sequence());
            insert.setString(3, record.id());
            dialect().setTime(insert, 4, record.recordedAt());
            RecordContent content = record.content();
            insert.setString(
                    5, content.consentId() == null ? null : content.consentId().toString());
            insert.setString(6, content.accountRef());
            insert.setString(7, content.event().jsonName());
            insert.setString(8, row.body());
            insert.setString(9, row.previousHash());
            insert.setString(10, row.hash());
            insert.executeUpdate();
        }
    }

    @Override
    protected void tamperSwap(String chainId, long first, long second) throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            String move = "UPDATE consent_record SET seq = ? WHERE chain_id = ? AND seq = ?";
            try (PreparedStatement update = connection.prepareStatement(move)) {
                long[][] moves = {{-1, first}, {first, second}, {second, -1}};
                for (long[] step : moves) {
                    update.setLong(1, step[0]);
                    update.setString(2, chainId);
                    update.setLong(3, step[1]);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    @Test
    void editingAnIndexedColumnBesideTheBodyIsFoundAsChanged_C24() throws Exception {
        ConsentLedger ledger = open("node-a");
        List<ConsentRecord> records = appendMany(ledger, 5);
        ConsentId other = ConsentId.random();

        execute(
                "UPDATE consent_record SET consent_id = ? WHERE chain_id = ? AND seq = ?",
                other.toString(),
                "node-a",
                3L);

        VerificationReport.ChainResult result = ledger.verify().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.CHANGED);
        assertThat(result.failedAt()).isEqualTo(3);
        assertThat(result.message()).contains("consentId column");
        assertThat(ledger.findByConsentId(other))
                .as("records come from the body")
                .isEmpty();
        assertThat(ledger.findByConsentId(records.get(3).content().consentId())).containsExactly(records.get(3));
    }

    @Test
    void editingTheTimeOrEventColumnIsFoundAsChanged_C24() throws Exception {
        ConsentLedger ledger = open("node-a");
        appendMany(ledger, 4);

        try (Connection connection = dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE consent_record SET recorded_at = ? WHERE chain_id = 'node-a' AND seq = 2")) {
            dialect().setTime(update, 1, Instant.parse("2020-01-01T00:00:00Z"));
            update.executeUpdate();
        }
        execute("UPDATE consent_record SET event = 'withdrawn' WHERE chain_id = 'node-a' AND seq = 4");

        VerificationReport.ChainResult result = ledger.verify().chain("node-a").orElseThrow();
        assertThat(result.failure()).isEqualTo(Failure.CHANGED);
        assertThat(result.failedAt()).isEqualTo(2);
        assertThat(result.message()).contains("time column");
    }

    @Test
    void recordsAreReadFromTheBodyAlone() throws Exception {
        ConsentLedger ledger = open("node-a");
        ConsentRecord record = ledger.append(given(ConsentId.random()));

        execute("UPDATE consent_record SET event = 'withdrawn', account_ref = NULL WHERE seq = 1");

        assertThat(ledger.findByConsentId(record.content().consentId())).containsExactly(record);
        try (Stream<ConsentRecord> all = ledger.stream(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))) {
            assertThat(all).containsExactly(record);
        }
    }

    @Test
    void failedBatchFailsExactlyItsCallersAndLeavesNothingHalfWritten() throws Exception {
        GatedLedger ledger = new GatedLedger(dataSource(), settings("node-f"), dialect());
        try {
            ledger.archive(policy);
            ConsentRecord first = ledger.append(given(ConsentId.random()));
            // The writer stops inside the commit of record 2, while five appends queue for the next batch.
            AtomicReference<Object> second = new AtomicReference<>();
            Thread secondThread = ledger.holdNextInsert(() -> appendInThread(ledger, second));
            List<AtomicReference<Object>> outcomes = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                AtomicReference<Object> outcome = new AtomicReference<>();
                outcomes.add(outcome);
                threads.add(appendInThread(ledger, outcome));
            }
            awaitQueuedAppends(threads);
            // Record 4 is taken already, so the batch of records 3 to 7 fails on its second row.
            StoredRecord squatter = StoredRecord.of(first);
            insertRow(new StoredRecord("node-f", 4, squatter.body(), squatter.previousHash(), squatter.hash()));
            ledger.release();
            secondThread.join(30_000);
            for (Thread thread : threads) {
                thread.join(30_000);
            }

            assertThat(ledger.batches).containsExactly(1, 1, 5);
            assertThat(second.get()).isInstanceOf(ConsentRecord.class);
            assertThat(((ConsentRecord) second.get()).sequence()).isEqualTo(2);
            for (AtomicReference<Object> outcome : outcomes) {
                assertThat(outcome.get())
                        .isInstanceOfSatisfying(
                                LedgerException.class,
                                e -> assertThat(e.getMessage())
                                        .contains("not stored")
                                        .contains("records 3 to 7 of chain node-f")
                                        .contains("Another ledger appends to chain 'node-f'"));
            }
            assertThat(sequences("node-f")).as("nothing of the failed batch").containsExactly(1L, 2L, 4L);

            execute("DELETE FROM consent_record WHERE chain_id = 'node-f' AND seq = 4");
            ConsentRecord next = ledger.append(given(ConsentId.random()));
            assertThat(next.sequence()).as("the failed batch left no gap").isEqualTo(3);
            assertThat(next.previousHash()).isEqualTo(((ConsentRecord) second.get()).hash());
            VerificationReport report = ledger.verify();
            assertThat(report.ok()).as("%s", report).isTrue();
        } finally {
            ledger.release();
            ledger.close();
        }
    }

    @Test
    void unusualTextSurvivesAGroupCommitUnchanged() throws Exception {
        GatedLedger ledger = new GatedLedger(dataSource(), settings("node-u"), dialect());
        try {
            ledger.archive(policy);
            String[] agents = {
                "Mozilla/5.0 \\\"quoted\\\" {braces}, commas; NULL",
                "Ünïcödé – 学习平台 🎓 \\ backslash",
                "NULL",
                "'); DROP TABLE consent_record; --"
            };
            AtomicReference<Object> first = new AtomicReference<>();
            Thread firstThread = ledger.holdNextInsert(() -> appendInThread(ledger, first, agents[0]));
            List<AtomicReference<Object>> outcomes = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 1; i < agents.length; i++) {
                AtomicReference<Object> outcome = new AtomicReference<>();
                outcomes.add(outcome);
                threads.add(appendInThread(ledger, outcome, agents[i]));
            }
            awaitQueuedAppends(threads);
            ledger.release();
            firstThread.join(30_000);
            for (Thread thread : threads) {
                thread.join(30_000);
            }

            assertThat(ledger.batches).as("one group of three").containsExactly(1, 3);
            outcomes.add(first);
            for (AtomicReference<Object> outcome : outcomes) {
                ConsentRecord record = (ConsentRecord) outcome.get();
                assertThat(ledger.findByConsentId(record.content().consentId())).containsExactly(record);
            }
            assertThat(outcomes)
                    .extracting(
                            outcome -> ((ConsentRecord) outcome.get()).content().userAgent())
                    .containsExactlyInAnyOrder(agents);
            assertThat(ledger.verify().ok()).isTrue();
        } finally {
            ledger.release();
            ledger.close();
        }
    }

    @Test
    void commitThatFailsFailsEveryWaitingCallerAndWritesNothing() throws Exception {
        FaultyDataSource faulty = new FaultyDataSource(dataSource());
        JdbcConsentLedger ledger = new JdbcConsentLedger(faulty, settings("node-c"), dialect());
        try {
            ledger.archive(policy);
            ConsentRecord before = ledger.append(given(ConsentId.random()));
            faulty.commit = FaultyDataSource.Commit.FAILS;

            List<AtomicReference<Object>> outcomes = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                AtomicReference<Object> outcome = new AtomicReference<>();
                outcomes.add(outcome);
                threads.add(appendInThread(ledger, outcome));
            }
            for (Thread thread : threads) {
                thread.join(30_000);
            }

            for (AtomicReference<Object> outcome : outcomes) {
                assertThat(outcome.get())
                        .isInstanceOfSatisfying(
                                LedgerException.class,
                                e -> assertThat(e.getMessage())
                                        .startsWith("the record was not stored: could not store record")
                                        .contains("of chain node-c")
                                        .contains("No space left on device"));
            }
            assertThat(sequences("node-c")).containsExactly(1L);
            assertThat(faulty.openConnections()).isZero();

            faulty.commit = FaultyDataSource.Commit.WORKS;
            ConsentRecord after = ledger.append(given(ConsentId.random()));
            assertThat(after.sequence()).isEqualTo(before.sequence() + 1);
            assertThat(after.previousHash()).isEqualTo(before.hash());
            assertThat(ledger.verify().ok()).isTrue();
        } finally {
            ledger.close();
        }
    }

    @Test
    void commitReportedAsFailedAfterTheDatabaseCommittedCountsAsStored() throws Exception {
        FaultyDataSource faulty = new FaultyDataSource(dataSource());
        JdbcConsentLedger ledger = new JdbcConsentLedger(faulty, settings("node-c"), dialect());
        try {
            ledger.archive(policy);
            faulty.commit = FaultyDataSource.Commit.FAILS_AFTER_COMMITTING;

            ConsentRecord stored = ledger.append(given(ConsentId.random()));

            faulty.commit = FaultyDataSource.Commit.WORKS;
            assertThat(ledger.findByConsentId(stored.content().consentId())).containsExactly(stored);
            assertThat(ledger.append(given(ConsentId.random())).sequence()).isEqualTo(2);
            assertThat(ledger.verify().ok()).isTrue();
        } finally {
            ledger.close();
        }
    }

    @Test
    void commitWhoseOutcomeCannotBeCheckedIsReportedAsSuchAndTheChainGoesOnFromTheStoredHead() throws Exception {
        FaultyDataSource faulty = new FaultyDataSource(dataSource());
        JdbcConsentLedger ledger = new JdbcConsentLedger(faulty, settings("node-c"), dialect());
        try {
            ledger.archive(policy);
            ConsentRecord before = ledger.append(given(ConsentId.random()));
            // The database commits, the answer is lost, and the database cannot be asked what it holds.
            faulty.commit = FaultyDataSource.Commit.FAILS_AFTER_COMMITTING;
            faulty.readsFail = true;
            ConsentId inDoubt = ConsentId.random();

            assertThatThrownBy(() -> ledger.append(given(inDoubt)))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageStartingWith("the record may or may not be stored");

            faulty.commit = FaultyDataSource.Commit.WORKS;
            faulty.readsFail = false;
            ConsentRecord stored = ledger.findByConsentId(inDoubt).get(0);
            assertThat(stored.sequence()).isEqualTo(before.sequence() + 1);
            ConsentRecord after = ledger.append(given(ConsentId.random()));
            assertThat(after.sequence()).as("after the stored head").isEqualTo(stored.sequence() + 1);
            assertThat(after.previousHash()).isEqualTo(stored.hash());
            assertThat(sequences("node-c")).containsExactly(1L, 2L, 3L);
            assertThat(ledger.verify().ok()).isTrue();
        } finally {
            ledger.close();
        }
    }

    @Test
    void headThatCannotBeReadAfterADoubtfulCommitFailsTheNextGroupWithoutWritingIt() throws Exception {
        FaultyDataSource faulty = new FaultyDataSource(dataSource());
        JdbcConsentLedger ledger = new JdbcConsentLedger(faulty, settings("node-c"), dialect());
        try {
            ledger.archive(policy);
            ledger.append(given(ConsentId.random()));
            faulty.commit = FaultyDataSource.Commit.FAILS;
            faulty.readsFail = true;
            assertThatThrownBy(() -> ledger.append(given(ConsentId.random())))
                    .hasMessageStartingWith("the record may or may not be stored");
            faulty.commit = FaultyDataSource.Commit.WORKS;

            assertThatThrownBy(() -> ledger.append(given(ConsentId.random())))
                    .isInstanceOf(LedgerException.class)
                    .hasMessageStartingWith("the record was not stored: ")
                    .hasMessageContaining("Connection refused");

            faulty.readsFail = false;
            ConsentRecord next = ledger.append(given(ConsentId.random()));
            assertThat(next.sequence()).as("nothing of the failed groups").isEqualTo(2);
            assertThat(sequences("node-c")).containsExactly(1L, 2L);
            assertThat(ledger.verify().ok()).isTrue();
        } finally {
            ledger.close();
        }
    }

    @Test
    void streamHoldsOneConnectionUntilClosedOrReadToTheEnd_C25() {
        FaultyDataSource counting = new FaultyDataSource(dataSource());
        JdbcConsentLedger ledger = new JdbcConsentLedger(counting, settings("node-s"), dialect());
        try {
            ledger.archive(policy);
            List<ConsentRecord> records = appendMany(ledger, 5);
            Instant from = records.get(0).recordedAt();
            Instant to = records.get(4).recordedAt().plusSeconds(1);

            try (Stream<ConsentRecord> range = ledger.stream(from, to)) {
                Iterator<ConsentRecord> iterator = range.iterator();
                assertThat(iterator.next()).isEqualTo(records.get(0));
                assertThat(counting.openConnections()).isEqualTo(1);
            }
            assertThat(counting.openConnections()).as("closed with the stream").isZero();

            assertThat(ledger.stream(from, to).map(ConsentRecord::sequence)).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(counting.openConnections()).as("released at the end").isZero();
        } finally {
            ledger.close();
        }
    }

    @Test
    void timesKeepTheirMillisecondsInTheTimeColumn_C24() {
        ConsentLedger ledger = open("node-a");
        clock.advance(Duration.ofMillis(123));
        ConsentRecord record = ledger.append(given(ConsentId.random()));

        assertThat(record.recordedAt().toEpochMilli() % 1000).isEqualTo(123);
        try (Stream<ConsentRecord> range =
                ledger.stream(record.recordedAt(), record.recordedAt().plusMillis(1))) {
            assertThat(range).as("a range of one millisecond").containsExactly(record);
        }
        VerificationReport report = ledger.verify();
        assertThat(report.ok())
                .as("the time column matches the body: %s", report)
                .isTrue();
    }

    @Test
    void initializingTheSchemaAgainChangesNothing() {
        ConsentLedger ledger = open("node-a");
        ConsentRecord record = ledger.append(given(ConsentId.random()));

        createTables(dataSource());
        createTables(dataSource());

        assertThat(ledger.findByConsentId(record.content().consentId())).containsExactly(record);
    }

    @Test
    void theStoredBodyIsTheCanonicalBody() throws Exception {
        ConsentLedger ledger = open("node-a");
        ConsentRecord record = ledger.append(given(ConsentId.random()));

        try (Connection connection = dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT body, prev_hash, hash, consent_id, event FROM consent_record WHERE seq = 1");
                ResultSet row = select.executeQuery()) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("body")).isEqualTo(RecordJson.canonicalBody(record));
            assertThat(row.getString("prev_hash")).isEqualTo(ConsentRecord.GENESIS_HASH);
            assertThat(row.getString("hash")).isEqualTo(record.hash());
            assertThat(row.getString("consent_id"))
                    .isEqualTo(record.content().consentId().toString());
            assertThat(row.getString("event")).isEqualTo("given");
        }
    }

    @Test
    void missingTablesAreNamedInTheError() throws Exception {
        execute("DROP TABLE consent_policy");
        JdbcConsentLedger ledger = new JdbcConsentLedger(dataSource(), settings("node-a"), dialect());

        assertThatThrownBy(() -> ledger.archive(policy))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("could not archive the policy " + policy.contentHash())
                .hasMessageContaining("Call initializeSchema()");
    }

    private Thread appendInThread(ConsentLedger ledger, AtomicReference<Object> outcome) {
        return appendInThread(ledger, outcome, "Mozilla/5.0 (X11; Linux x86_64)");
    }

    private Thread appendInThread(ConsentLedger ledger, AtomicReference<Object> outcome, String userAgent) {
        RecordContent draft = RecordContent.builder(policy, ConsentEvent.GIVEN)
                .consentId(ConsentId.random())
                .userAgent(userAgent)
                .path("/kurse/übersicht")
                .build();
        Thread thread = new Thread(() -> {
            try {
                outcome.set(ledger.append(draft));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        thread.start();
        return thread;
    }

    /**
     * A ledger whose writer can be held inside a commit, so that a test can queue appends behind it and
     * get them committed as one group. Records the size of every group it inserts.
     */
    static final class GatedLedger extends JdbcConsentLedger {
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean hold = new AtomicBoolean();
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        GatedLedger(DataSource dataSource, LedgerSettings settings, JdbcDialect dialect) {
            super(dataSource, settings, dialect);
        }

        /** Starts an append that the writer holds inside its commit, and waits until it is held there. */
        Thread holdNextInsert(java.util.function.Supplier<Thread> append) throws InterruptedException {
            hold.set(true);
            Thread thread = append.get();
            assertThat(entered.await(30, TimeUnit.SECONDS))
                    .as("the writer reached the commit")
                    .isTrue();
            return thread;
        }

        void release() {
            release.countDown();
        }

        @Override
        protected void insert(List<ConsentRecord> records, List<StoredRecord> stored) {
            batches.add(records.size());
            if (hold.getAndSet(false)) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.insert(records, stored);
        }
    }
}
