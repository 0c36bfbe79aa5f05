/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.jdbc.JdbcConsentLedger;
import io.consent4j.core.ledger.jdbc.JdbcDialect;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.receipt.ConsentReceipt;
import io.consent4j.servlet.AuditEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Times every page of the auditor dashboard on a ledger of {@code --records} (default 1,000,000) records
 * over a year, under two policy versions, with every kind of choice, collection point and signal: on an
 * H2 file and on an embedded PostgreSQL ({@code --db=h2}, {@code postgres} or {@code both}). Each page is
 * rendered whole by the {@link AuditEndpoint}, as a browser would get it, on Spring's in-memory request
 * and response. Prints, per database: the load, two pages asked while the records are counted in the
 * background after the start (their time, and whether they say so), the one-time counting of all records
 * into the dashboard's counters, the counting of 1,000 records appended after that, and for each page the median and the
 * slowest of {@code --runs} (default 7) answers. Nothing is asserted: the figures go to docs/PERFORMANCE.md.
 *
 * <pre>benchmarks/dashboard-bench.sh [--records=1000000] [--db=both] [--runs=7]</pre>
 */
public final class DashboardBench {

    private static final String TOKEN = "dashboard-bench-token";

    private DashboardBench() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("records", "db", "runs"));
        int records = Integer.parseInt(options.get("records", "1000000"));
        int runs = Integer.parseInt(options.get("runs", "7"));
        String db = options.get("db", "both");
        System.out.println(
                "dashboard records=" + records + " runs=" + runs + " " + "load=" + MachineStats.loadAverage());
        if (db.equals("h2") || db.equals("both")) {
            try (BenchDatabases.H2File h2 = new BenchDatabases.H2File()) {
                run("h2-file", h2.dataSource(), JdbcDialect.H2, records, runs);
            }
        }
        if (db.equals("postgres") || db.equals("both")) {
            try (EmbeddedPostgres postgres = BenchDatabases.startPostgres();
                    HikariDataSource pool = BenchDatabases.postgresPool(postgres, "dashboard", true)) {
                run("postgresql", pool, JdbcDialect.POSTGRESQL, records, runs);
            }
        }
    }

    private static void run(String name, DataSource dataSource, JdbcDialect dialect, int count, int runs)
            throws Exception {
        ConsentPolicy older = LedgerBenchData.policy();
        ConsentPolicy newer = DashboardBenchData.newerPolicy(older);
        JdbcConsentLedger schema = new JdbcConsentLedger(dataSource, BenchDatabases.settings("schema", 64), dialect);
        schema.initializeSchema();
        long start = System.nanoTime();
        DashboardBenchData.Loaded loaded = DashboardBenchData.load(dataSource, older, newer, count);
        System.out.printf(Locale.ROOT, "%s load records=%d seconds=%.1f%n", name, count, seconds(start));

        try (ConsentLedger ledger = new JdbcConsentLedger(dataSource, BenchDatabases.settings("bulk", 512), dialect)) {
            ledger.archive(older);
            ledger.archive(newer);
            Instant now = DashboardBenchData.time(count, count).plusSeconds(3600);
            start = System.nanoTime();
            // Building the endpoint starts counting the stored records in the background, as at a start
            // after an upgrade; the pages answer meanwhile from what is counted so far.
            AuditEndpoint endpoint = AuditEndpoint.builder(ledger, BenchDatabases.SIGNER)
                    .tokenHash(AuditEndpoint.hashToken(TOKEN))
                    .clock(Clock.fixed(now, ZoneOffset.UTC))
                    .build();
            for (String[] page : new String[][] {
                {"overview", "GET", "", "lang=en"}, {"choices-30-days", "GET", "/choices", "lang=de"}
            }) {
                MockHttpServletResponse response = new MockHttpServletResponse();
                long t = System.nanoTime();
                endpoint.service(request(page, ""), response);
                double ms = (System.nanoTime() - t) / 1e6;
                String body = response.getContentAsString(StandardCharsets.UTF_8);
                System.out.printf(
                        Locale.ROOT,
                        "%s while-counting page=%s status=%d ms=%.1f says-counting=%b%n",
                        name,
                        page[0],
                        response.getStatus(),
                        ms,
                        body.contains("class=\"counting\""));
            }
            while (ledger.insights().counting().running()) {
                Thread.sleep(100); // a benchmark may poll; the counting reports no other way
            }
            long firstCount = ledger.insights().policyUses().size();
            System.out.printf(
                    Locale.ROOT,
                    "%s count-all-once-in-background seconds=%.1f policies=%d%n",
                    name,
                    seconds(start),
                    firstCount);
            for (int i = 0; i < 1000; i++) {
                ledger.append(LedgerBenchData.draft(newer, io.consent4j.core.token.ConsentId.generate()));
            }
            ((JdbcConsentLedger) ledger).checkpoint();
            start = System.nanoTime();
            ledger.insights().overview();
            ledger.insights().policyUses();
            System.out.printf(Locale.ROOT, "%s count-1000-new ms=%.1f%n", name, seconds(start) * 1000);

            ConsentRecord sample = loaded.sample();
            String receipt = "receipt="
                    + URLEncoder.encode(ConsentReceipt.issue(BenchDatabases.SIGNER, sample), StandardCharsets.UTF_8);
            String[][] pages = {
                {"overview", "GET", "", "lang=en"},
                {"choices-30-days", "GET", "/choices", "lang=de"},
                {
                    "choices-year-by-week",
                    "GET",
                    "/choices",
                    "lang=en&group=week&from="
                            + now.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(364) + "&to="
                            + now.atOffset(ZoneOffset.UTC).toLocalDate()
                },
                {"policies-diff", "GET", "/policies", "lang=en"},
                {"lookup", "GET", "/lookup", "lang=en&q=" + sample.content().consentId()},
                {"receipt-check", "POST", "/lookup", "lang=en"},
            };
            for (String[] page : pages) {
                double[] ms = new double[runs];
                int status = 0;
                int bytes = 0;
                for (int i = 0; i < runs; i++) {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    long t = System.nanoTime();
                    endpoint.service(request(page, receipt), response);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                    status = response.getStatus();
                    bytes = response.getContentAsByteArray().length;
                }
                Arrays.sort(ms);
                System.out.printf(
                        Locale.ROOT,
                        "%s page=%s status=%d bytes=%d median-ms=%.1f max-ms=%.1f%n",
                        name,
                        page[0],
                        status,
                        bytes,
                        ms[runs / 2],
                        ms[runs - 1]);
            }
        }
    }

    private static MockHttpServletRequest request(String[] page, String receipt) {
        MockHttpServletRequest request = new MockHttpServletRequest(page[1], "/consent-audit/dashboard" + page[2]);
        request.setServletPath("/consent-audit");
        request.setPathInfo("/dashboard" + page[2]);
        request.setQueryString(page[3]);
        List<String> pairs = new ArrayList<>(List.of(page[3].split("&")));
        if (page[1].equals("POST")) {
            pairs.add(receipt);
            request.setContentType("application/x-www-form-urlencoded");
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            request.addParameter(
                    pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        request.addHeader("Authorization", "Bearer " + TOKEN);
        return request;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
