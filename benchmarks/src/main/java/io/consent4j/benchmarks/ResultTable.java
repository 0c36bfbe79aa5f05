/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the table of {@code benchmarks/run.sh} from JMH's JSON result: every benchmark's figure, and
 * for each target of the earlier issues the comparison it asks for, with "met" or "NOT met".
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.consent4j.benchmarks.ResultTable benchmarks/target/jmh-result.json</pre>
 */
public final class ResultTable {

    private final Map<String, JsonNode> results = new LinkedHashMap<>();
    private final List<String> checks = new ArrayList<>();

    private ResultTable(JsonNode root) {
        for (JsonNode run : root) {
            String name = run.get("benchmark").stringValue().replace("io.consent4j.benchmarks.", "");
            JsonNode params = run.get("params");
            if (params != null) {
                // JMH writes the parameters in the order of their names.
                List<String> values = new ArrayList<>();
                params.properties().forEach(e -> values.add(e.getValue().stringValue()));
                name += " [" + String.join(", ", values) + "]";
            }
            results.put(name, run);
        }
    }

    public static void main(String[] args) throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[0])));
        new ResultTable(root).print();
    }

    private void print() {
        System.out.printf(Locale.ROOT, "%-58s %16s %16s  %s%n", "benchmark", "median / score", "p99 / error", "unit");
        results.forEach((name, run) -> {
            JsonNode metric = run.get("primaryMetric");
            String unit = metric.get("scoreUnit").stringValue();
            JsonNode percentiles = metric.get("scorePercentiles");
            if (run.get("mode").stringValue().equals("sample")) {
                System.out.printf(
                        Locale.ROOT,
                        "%-58s %16s %16s  %s (sample time)%n",
                        name,
                        number(value(percentiles.get("50.0"))),
                        number(value(percentiles.get("99.0"))),
                        unit);
            } else {
                System.out.printf(
                        Locale.ROOT,
                        "%-58s %16s %16s  %s (%s)%n",
                        name,
                        number(value(metric.get("score"))),
                        "± " + number(value(metric.get("scoreError"))),
                        unit,
                        run.get("mode").stringValue());
            }
        });

        atMost("decision, cached: median", median("DecisionBenchmark.decideCached"), 1_000, "ns");
        atMost("decision, uncached: median", median("DecisionBenchmark.decideUncached"), 5_000, "ns");
        Double with = median("FilterBenchmark.withFilter");
        Double without = median("FilterBenchmark.withoutFilter");
        if (with != null && without != null) {
            checks.add(String.format(
                    Locale.ROOT,
                    "%-52s %s ns per request (no target; filter-throughput.sh sets it against a served page)",
                    "filter wrapper: own cost (median with - without)",
                    number(with - without)));
        }
        atLeast(
                "verification / raw SHA-256 of the same bytes",
                ratio(score("LedgerVerifyBenchmark.chainVerifier"), score("LedgerVerifyBenchmark.rawSha256")),
                0.5,
                "");
        for (String store : List.of("postgresql", "h2")) {
            Double group = score("LedgerAppendBenchmark.append [group, " + store + "]");
            Double single = score("LedgerAppendBenchmark.append [single, " + store + "]");
            atLeast("appends " + store + ": group commit / one transaction per record", ratio(group, single), 10, "x");
        }
        atLeast(
                "appends postgresql: group commit, 64 writers",
                score("LedgerAppendBenchmark.append [group, postgresql]"),
                20_000,
                "records/s");
        atMost(
                "lookup of one consent id in 1,000,000: median",
                median("LedgerQueryBenchmark.lookup [1000000]"),
                2,
                "ms");
        Double export = score("LedgerQueryBenchmark.exportNdjson [1000000]");
        if (export != null) {
            checks.add(String.format(
                    Locale.ROOT,
                    "%-52s %s records/s (no target)",
                    "NDJSON export from PostgreSQL",
                    number(1e6 / export)));
        }
        if (!checks.isEmpty()) {
            System.out.println();
            System.out.println("targets");
            checks.forEach(System.out::println);
        }
    }

    private void atMost(String what, Double value, double target, String unit) {
        if (value != null) {
            checks.add(String.format(
                    Locale.ROOT,
                    "%-52s %s %s, target <= %s: %s",
                    what,
                    number(value),
                    unit,
                    number(target),
                    value <= target ? "met" : "NOT met"));
        }
    }

    private void atLeast(String what, Double value, double target, String unit) {
        if (value != null) {
            checks.add(String.format(
                    Locale.ROOT,
                    "%-52s %s%s, target >= %s%s: %s",
                    what,
                    number(value),
                    unit.isEmpty() || unit.equals("x") ? unit : " " + unit,
                    number(target),
                    unit.isEmpty() || unit.equals("x") ? unit : " " + unit,
                    value >= target ? "met" : "NOT met"));
        }
    }

    private Double median(String name) {
        JsonNode run = results.get(name);
        return run == null
                ? null
                : value(run.get("primaryMetric").get("scorePercentiles").get("50.0"));
    }

    private Double score(String name) {
        JsonNode run = results.get(name);
        return run == null ? null : value(run.get("primaryMetric").get("score"));
    }

    /** A number of JMH's JSON, which writes "NaN" as a string where it has no value. */
    private static double value(JsonNode node) {
        return node.isNumber() ? node.doubleValue() : Double.NaN;
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null ? null : a / b;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.3f", value);
    }
}
