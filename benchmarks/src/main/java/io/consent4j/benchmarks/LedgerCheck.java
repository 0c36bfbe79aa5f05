/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Checks, as an auditor would, that a learning site's ledger holds every choice that {@link ConsentLoad}
 * saw acknowledged, and that its chains verify. Everything goes through the auditor endpoint
 * ({@code consent4j.audit.token-hashes}; the token comes from the environment variable
 * {@code AUDIT_TOKEN}):
 *
 * <ul>
 *   <li>the NDJSON export of the whole run ({@code --from} to a few minutes from now), from every
 *       {@code --site}: every acknowledged record must be in it at its chain and sequence, with the
 *       acknowledged hash, consent id, time, event, method and every category's and service's state; the
 *       export's own verification header must say {@code ok};
 *   <li>lookups by consent id ({@code consents/{id}}), spread over the sites: for the acknowledgements
 *       from line {@code --lookup-from} on (0: all), plus {@code --sample} random older ones; each
 *       answer must hold the acknowledged record with the acknowledged state;
 *   <li>{@code verify} of the same range on every site: every chain must verify.
 * </ul>
 *
 * <p>Prints {@code check ...} and {@code chain ...} lines of {@code name=value} figures, problems on
 * standard error, and exits 0 when all is well, 1 when anything acknowledged is missing or differs or a
 * verification failed ({@code --exact}: also when the ledger holds records nobody saw acknowledged), 2
 * when the check itself could not run.
 *
 * <pre>AUDIT_TOKEN=... java -cp benchmarks/target/benchmarks.jar io.consent4j.benchmarks.LedgerCheck
 *     --site=http://127.0.0.1:18101 --acks=acks.ndjson [--acks=...] [--from=2026-01-01T00:00:00Z]
 *     [--lookup-from=0] [--sample=200] [--threads=8] [--exact=false]</pre>
 */
public final class LedgerCheck {

    private static final int MAX_REPORTED = 10;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String token;
    private final List<String> problems = new ArrayList<>();
    private final AtomicInteger reported = new AtomicInteger();

    private LedgerCheck(String token) {
        this.token = token;
    }

    /** What an acknowledgement says, and what the ledger must say about the same record. */
    record Entry(
            String consentId,
            String chain,
            long seq,
            String hash,
            String time,
            String event,
            String method,
            String states) {

        static Entry of(JsonNode node) {
            Map<String, Boolean> states = new TreeMap<>();
            node.path("categories")
                    .properties()
                    .forEach(e -> states.put("c:" + e.getKey(), e.getValue().booleanValue()));
            node.path("services")
                    .properties()
                    .forEach(e -> states.put("s:" + e.getKey(), e.getValue().booleanValue()));
            return new Entry(
                    node.path("consentId").stringValue(null),
                    node.path("chain").stringValue(null),
                    node.path("seq").longValue(),
                    node.path("hash").stringValue(null),
                    node.path("time").stringValue(null),
                    node.path("event").stringValue(null),
                    node.path("method").stringValue(null),
                    states.toString());
        }

        String key() {
            return chain + "/" + seq;
        }
    }

    public static void main(String[] args) {
        Options options = Options.parse(
                args, Set.of("site", "acks", "from", "lookup-from", "sample", "threads", "exact", "seed"));
        String token = System.getenv("AUDIT_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("set AUDIT_TOKEN to an auditor token of the site");
            System.exit(2);
        }
        int exit;
        try {
            exit = new LedgerCheck(token).run(options) ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("the check could not run: " + e);
            exit = 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = 2;
        }
        System.exit(exit);
    }

    private boolean run(Options options) throws IOException, InterruptedException {
        List<String> sites = options.all("site");
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("--site=URL is required");
        }
        List<Entry> acks = new ArrayList<>();
        for (String file : options.all("acks")) {
            readAcks(Path.of(file), acks);
        }
        Instant from = Instant.parse(
                options.get("from", Instant.now().minus(Duration.ofDays(1)).toString()));
        Instant to = Instant.now().plus(Duration.ofMinutes(5));
        String range = "from=" + from + "&to=" + to;

        // 1. The export of the whole range from every site; the first one is compared with the acks.
        Map<String, Entry> records = null;
        for (String site : sites) {
            Map<String, Entry> exported = export(site, range);
            if (records == null) {
                records = exported;
            } else if (!exported.keySet().equals(records.keySet())) {
                problem("the export from " + site + " holds " + exported.size() + " records, the one from "
                        + sites.get(0) + " " + records.size());
            }
        }
        Map<String, Long> ackedByChain = new TreeMap<>();
        long found = 0;
        long missing = 0;
        long mismatched = 0;
        for (Entry ack : acks) {
            ackedByChain.merge(ack.chain(), 1L, Long::sum);
            Entry record = records.get(ack.key());
            if (record == null) {
                missing++;
                problem("acknowledged but not in the export: " + ack);
            } else if (!record.equals(ack)) {
                mismatched++;
                problem("the export differs from the acknowledgement:\n  acknowledged " + ack + "\n  exported     "
                        + record);
            } else {
                found++;
            }
        }

        // 2. Lookups by consent id: the new acknowledgements and a sample of older ones.
        int lookupFrom = Math.max(0, Math.min(options.getInt("lookup-from", 0), acks.size()));
        List<Entry> lookups = new ArrayList<>(acks.subList(lookupFrom, acks.size()));
        Random random = new Random(options.getInt("seed", (int) System.nanoTime()));
        for (int i = 0, sample = Math.min(options.getInt("sample", 200), lookupFrom); i < sample; i++) {
            lookups.add(acks.get(random.nextInt(lookupFrom)));
        }
        AtomicLong lookupFailed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.getInt("threads", 8));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < lookups.size(); i++) {
                Entry ack = lookups.get(i);
                String site = sites.get(i % sites.size());
                done.add(pool.submit(() -> {
                    if (!lookUp(site, ack)) {
                        lookupFailed.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                try {
                    future.get(2, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IOException("a lookup failed: " + e.getCause(), e);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        // 3. The verification of the same range on every site.
        boolean verified = true;
        Map<String, JsonNode> chains = new LinkedHashMap<>();
        for (String site : sites) {
            JsonNode report = get(site, "/consent-audit/verify?" + range).path("verification");
            boolean ok = report.path("ok").booleanValue();
            int chainCount = 0;
            int chainsOk = 0;
            for (JsonNode chain : report.path("chains")) {
                chainCount++;
                chainsOk += chain.path("ok").booleanValue() ? 1 : 0;
                chains.putIfAbsent(chain.path("chain").stringValue(), chain);
                if (!chain.path("ok").booleanValue()) {
                    problem(site + ": chain " + chain.path("chain").stringValue() + " failed: " + chain);
                }
            }
            report.path("problems").forEach(p -> problem(site + ": " + p.stringValue()));
            verified &= ok;
            System.out.printf(
                    Locale.ROOT,
                    "check site=%s verify=%s verify_records=%d chains=%d chains_ok=%d problems=%d%n",
                    site,
                    ok ? "ok" : "FAILED",
                    report.path("records").longValue(),
                    chainCount,
                    chainsOk,
                    report.path("problems").size());
        }
        Map<String, Long> recordsByChain = new HashMap<>();
        records.values().forEach(r -> recordsByChain.merge(r.chain(), 1L, Long::sum));
        for (JsonNode chain : chains.values()) {
            String id = chain.path("chain").stringValue();
            System.out.printf(
                    Locale.ROOT,
                    "chain id=%s records=%d first=%d last=%d ok=%s acked=%d%n",
                    id,
                    chain.path("records").longValue(),
                    chain.path("firstSeq").longValue(),
                    chain.path("lastSeq").longValue(),
                    chain.path("ok").booleanValue(),
                    ackedByChain.getOrDefault(id, 0L));
        }

        long unacked = records.size() - found - mismatched;
        boolean exact = Boolean.parseBoolean(options.get("exact", "false"));
        if (exact && unacked != 0) {
            problem("the ledger holds " + records.size() + " records, but " + acks.size() + " were acknowledged");
        }
        boolean ok = missing == 0
                && mismatched == 0
                && lookupFailed.get() == 0
                && verified
                && problems.isEmpty()
                && (!exact || unacked == 0);
        System.out.printf(
                Locale.ROOT,
                "check acked=%d found=%d missing=%d mismatched=%d records=%d unacked=%d lookups=%d lookup_failed=%d"
                        + " chains=%d verify=%s result=%s%n",
                acks.size(),
                found,
                missing,
                mismatched,
                records.size(),
                unacked,
                lookups.size(),
                lookupFailed.get(),
                chains.size(),
                verified ? "ok" : "FAILED",
                ok ? "ok" : "FAILED");
        return ok;
    }

    private void readAcks(Path file, List<Entry> into) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                into.add(Entry.of(ConsentLoad.JSON.readTree(line)));
            } catch (RuntimeException e) {
                problem(file + " line " + (i + 1) + " is not an acknowledgement: " + e.getMessage());
            }
        }
    }

    /** The records of the export, by chain and sequence; checks its verification header. */
    private Map<String, Entry> export(String site, String range) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(
                request(site, "/consent-audit/export?format=ndjson&" + range), HttpResponse.BodyHandlers.ofLines());
        Map<String, Entry> records = new HashMap<>();
        long checkpoints;
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(site + " export: HTTP " + response.statusCode() + " "
                        + String.join(" ", lines.limit(5).toList()));
            }
            AtomicLong seen = new AtomicLong();
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                JsonNode node = ConsentLoad.JSON.readTree(line);
                if (node.has("checkpoint")) {
                    seen.incrementAndGet();
                    return;
                }
                if (node.has("export") || node.has("anchor") || node.has("purge")) {
                    return; // the header, a purge anchor, the purge record that confirms the anchors
                }
                Entry entry = Entry.of(node);
                if (records.put(entry.key(), entry) != null) {
                    problem(site + " exported record " + entry.key() + " twice");
                }
            });
            checkpoints = seen.get();
        }
        String verification =
                response.headers().firstValue("Consent-Verification").orElse("(none)");
        if (!verification.equals("ok")) {
            problem(site + " export verification: " + verification + " "
                    + response.headers()
                            .firstValue("Consent-Verification-Detail")
                            .orElse(""));
        }
        System.out.printf(
                Locale.ROOT,
                "check site=%s export=%s export_records=%d checkpoints=%d%n",
                site,
                verification.equals("ok") ? "ok" : "FAILED",
                records.size(),
                checkpoints);
        return records;
    }

    /** Whether a lookup of the ack's consent id holds the acknowledged record, unchanged. */
    private boolean lookUp(String site, Entry ack) throws IOException, InterruptedException {
        JsonNode answer = get(site, "/consent-audit/consents/" + ack.consentId());
        for (JsonNode record : answer.path("records")) {
            Entry entry = Entry.of(record);
            if (entry.key().equals(ack.key())) {
                if (entry.equals(ack)) {
                    return true;
                }
                problem("the lookup of " + ack.consentId() + " differs:\n  acknowledged " + ack + "\n  found        "
                        + entry);
                return false;
            }
        }
        problem("the lookup of " + ack.consentId() + " at " + site + " does not hold record " + ack.key() + ": "
                + answer);
        return false;
    }

    private JsonNode get(String site, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(site, path), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(site + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return ConsentLoad.JSON.readTree(response.body());
    }

    private HttpRequest request(String site, String path) {
        return HttpRequest.newBuilder(URI.create(site + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .build();
    }

    private synchronized void problem(String text) {
        problems.add(text);
        if (reported.getAndIncrement() < MAX_REPORTED) {
            System.err.println(text);
        } else if (reported.get() == MAX_REPORTED + 1) {
            System.err.println("(more problems not shown)");
        }
    }
}
