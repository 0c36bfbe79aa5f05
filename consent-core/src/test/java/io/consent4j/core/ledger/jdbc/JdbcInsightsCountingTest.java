/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.Fixtures;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerInsights;
import io.consent4j.core.ledger.LedgerInsights.ChoiceCount;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After an upgrade the records already stored are counted in the background, a batch per task on an
 * executor the test runs by hand: questions answer at once from what is counted so far, say how far the
 * counting has come, and nothing recorded changes.
 */
class JdbcInsightsCountingTest {

    private static final int RECORDS = 25;
    private static final int BATCH = 10;

    private final ConsentPolicy policy = Fixtures.policy();
    private final LocalDate today = Fixtures.NOW.atOffset(ZoneOffset.UTC).toLocalDate();
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private JdbcDataSource dataSource;
    private ConsentLedger ledger;
    private List<ConsentRecord> stored;

    @BeforeEach
    void storeRecordsNobodyCountedYet() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:counting-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ledger = new JdbcConsentLedger(
                dataSource,
                LedgerSettings.builder(ReceiptSigner.generate("counting"))
                        .chainId("node-a")
                        .clock(new Fixtures.MutableClock(Fixtures.NOW))
                        .build(),
                JdbcDialect.H2);
        ((JdbcConsentLedger) ledger).initializeSchema();
        ledger.archive(policy);
        for (int i = 0; i < RECORDS; i++) {
            ledger.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                    .consentId(ConsentId.random())
                    .build());
        }
        stored = all();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private JdbcInsights insights() {
        return new JdbcInsights(new SqlRunner(dataSource, JdbcDialect.H2), "node-a", BATCH);
    }

    private List<ConsentRecord> all() {
        try (Stream<ConsentRecord> records =
                ledger.stream(Fixtures.NOW.minusSeconds(1), Fixtures.NOW.plusSeconds(60))) {
            return records.toList();
        }
    }

    private long choices(LedgerInsights insights) {
        return insights.choices(today, today.plusDays(1)).stream()
                .mapToLong(ChoiceCount::count)
                .sum();
    }

    @Test
    void questionsAnswerAtOnceFromWhatIsCountedWhileTheBackgroundCountsABatchAtATime_C25() {
        JdbcInsights insights = insights();
        insights.startCounting(tasks::add);

        assertThat(insights.counting()).isEqualTo(new LedgerInsights.Counting(true, 0, 0));
        assertThat(choices(insights)).as("a question counts nothing itself").isZero();
        assertThat(insights.overview().records()).isZero();

        tasks.remove().run();
        assertThat(insights.counting()).isEqualTo(new LedgerInsights.Counting(true, 10, RECORDS));
        assertThat(choices(insights)).isEqualTo(10);
        assertThat(insights.overview().records()).isEqualTo(10);

        tasks.remove().run();
        assertThat(insights.counting()).isEqualTo(new LedgerInsights.Counting(true, 20, RECORDS));
        tasks.remove().run();
        assertThat(insights.counting()).isEqualTo(new LedgerInsights.Counting(true, RECORDS, RECORDS));
        tasks.remove().run();

        assertThat(tasks)
                .as("nothing is left to count, so nothing more is handed on")
                .isEmpty();
        assertThat(insights.counting()).isEqualTo(LedgerInsights.Counting.IDLE);
        assertThat(choices(insights)).isEqualTo(RECORDS);
        assertThat(insights.policyUses())
                .singleElement()
                .satisfies(use -> assertThat(use.records()).isEqualTo(RECORDS));
        assertThat(all()).as("nothing recorded is changed").isEqualTo(stored);
        assertThat(ledger.verify().ok()).isTrue();
    }

    @Test
    void aQuestionStartsTheBackgroundCountingWhenMoreWaitThanItCountsItself() {
        JdbcInsights insights = new JdbcInsights(new SqlRunner(dataSource, JdbcDialect.H2), "node-a", BATCH);
        insights.startCounting(tasks::add); // the executor the counting will use; this start counts to the end
        while (!tasks.isEmpty()) {
            tasks.remove().run();
        }
        assertThat(insights.counting().running()).isFalse();

        for (int i = 0; i < JdbcInsights.INLINE + 1; i++) {
            ledger.append(RecordContent.builder(policy, ConsentEvent.GIVEN)
                    .consentId(ConsentId.random())
                    .build());
        }

        assertThat(choices(insights)).as("the question did not count them").isEqualTo(RECORDS);
        assertThat(insights.counting().running()).isTrue();
        assertThat(tasks).hasSize(1);
        while (!tasks.isEmpty()) {
            tasks.remove().run();
        }
        assertThat(choices(insights)).isEqualTo(RECORDS + JdbcInsights.INLINE + 1);
    }

    @Test
    void fewRecordsWaitingAreCountedByTheQuestionItself() {
        JdbcInsights insights = insights();

        assertThat(choices(insights)).isEqualTo(RECORDS);
        assertThat(insights.counting()).isEqualTo(LedgerInsights.Counting.IDLE);
    }

    @Test
    void stopEndsTheCountingAfterTheBatchItIsOnWhichStaysCounted() {
        JdbcInsights insights = insights();
        insights.startCounting(tasks::add);
        tasks.remove().run();

        insights.stop();
        tasks.remove().run();

        assertThat(tasks).isEmpty();
        assertThat(insights.counting()).isEqualTo(LedgerInsights.Counting.IDLE);
        assertThat(insights().choices(today, today.plusDays(1)))
                .as("read by another node: the stopped one counted one whole batch, the rest it counts now")
                .extracting(ChoiceCount::count)
                .containsExactly((long) RECORDS);
    }

    @Test
    void theStoresOwnThreadIsANamedDaemonThatStopEnds() throws Exception {
        JdbcInsights insights = insights();
        insights.startCounting();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("consent4j-insights-node-a"))
                .findFirst()
                .orElseThrow();

        assertThat(thread.isDaemon()).isTrue();
        insights.stop();
        thread.join();

        assertThat(insights.counting().running()).isFalse();
        assertThat(all()).isEqualTo(stored);
    }
}
