/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One site under load: its policy, its acknowledgement file and its figures. */
final class LoadedSite {
    final int number;
    final String base;
    final Path ackFile;
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    final List<String> optionalCategories = new ArrayList<>();
    final Map<String, List<String>> servicesByCategory = new TreeMap<>();
    final BufferedWriter acks;
    final Object ackLock = new Object();
    final LongAdder acked = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder unanswered = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder inconsistent = new LongAdder();
    final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    final List<long[]> latencies = new ArrayList<>();
    final AtomicLong firstProblem = new AtomicLong();
    volatile long started;
    boolean closed;

    LoadedSite(int number, String base, Path ackFile) throws IOException {
        this.number = number;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.ackFile = ackFile;
        this.acks = Files.newBufferedWriter(
                ackFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Reads the categories and services from the visitor endpoint, waiting up to a minute for the site. */
    void learnPolicy() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/consent"))
                .timeout(Duration.ofSeconds(10))
                .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode root = ConsentLoad.JSON.readTree(response.body());
                    for (JsonNode category : root.path("categories")) {
                        if (!category.path("required").booleanValue()) {
                            optionalCategories.add(category.path("id").stringValue());
                        }
                    }
                    for (JsonNode service : root.path("services")) {
                        String category = service.path("category").stringValue();
                        if (optionalCategories.contains(category)) {
                            servicesByCategory
                                    .computeIfAbsent(category, c -> new ArrayList<>())
                                    .add(service.path("id").stringValue());
                        }
                    }
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(base + "/consent did not answer 200 within a minute");
            }
            Thread.sleep(200);
        }
    }

    /** One client: posts until {@code stop}, a new visitor every time. */
    void post(AtomicBoolean stop, Runnable onFirstAck) {
        long[] own = new long[1024];
        int count = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stop.get()) {
            String body = choice(random);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/consent"))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .header("Origin", base)
                    .header("Referer", base + "/kurse")
                    .header("User-Agent", "consent4j-benchmarks ConsentLoad")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - start) / 1000;
                if (response.statusCode() / 100 == 2) {
                    if (acknowledge(response.body())) {
                        if (count == own.length) {
                            own = Arrays.copyOf(own, count * 2);
                        }
                        own[count++] = micros;
                        onFirstAck.run();
                    }
                } else {
                    statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder())
                            .increment();
                    problem("HTTP " + response.statusCode() + ": " + response.body());
                    pause(50);
                }
            } catch (ConnectException e) {
                refused.increment();
                pause(50);
            } catch (HttpTimeoutException e) {
                timeouts.increment();
            } catch (IOException e) {
                unanswered.increment();
                pause(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (latencies) {
            latencies.add(Arrays.copyOf(own, count));
        }
    }

    private String choice(ThreadLocalRandom random) {
        ObjectNode choice = ConsentLoad.JSON.createObjectNode();
        int kind = random.nextInt(100);
        List<String> all = new ArrayList<>();
        servicesByCategory.values().forEach(all::addAll);
        if (kind < 25) {
            choice.put("action", "accept_all");
        } else if (kind < 50) {
            choice.put("action", "reject_all");
        } else if (kind < 85 || all.isEmpty()) {
            choice.put("action", "custom");
            Set<String> granted = new TreeSet<>();
            for (String category : optionalCategories) {
                if (random.nextBoolean()) {
                    granted.add(category);
                }
            }
            granted.forEach(choice.putArray("categories")::add);
            if (!all.isEmpty() && random.nextInt(3) == 0) {
                choice.putArray("services").add(all.get(random.nextInt(all.size())));
            }
        } else {
            choice.put("action", "grant_service");
            choice.putArray("services").add(all.get(random.nextInt(all.size())));
            choice.put("layer", "embed_placeholder");
            return choice.toString();
        }
        choice.put("layer", random.nextBoolean() ? "first_layer" : "settings");
        return choice.toString();
    }

    /**
     * Writes the acknowledgement of an answer: the consent id of the new state and the record the
     * receipt names. False, and counted, when the answer contradicts itself.
     */
    private boolean acknowledge(String body) {
        JsonNode answer;
        try {
            answer = ConsentLoad.JSON.readTree(body);
        } catch (RuntimeException e) {
            inconsistent.increment();
            problem("an answer that is not JSON: " + body);
            return false;
        }
        String consentId = answer.path("state").path("consentId").stringValue(null);
        // What the record's receipt states; the receipt itself is signed when fetched from its URL.
        JsonNode receipt = answer.path("receipt").path("payload");
        if (consentId == null || !receipt.isObject()) {
            inconsistent.increment();
            problem("an answer without consent id or receipt payload: " + body);
            return false;
        }
        Set<String> allowed = new TreeSet<>();
        answer.path("state").path("categories").forEach(c -> allowed.add(c.stringValue()));
        Set<String> granted = new TreeSet<>();
        receipt.path("categories").properties().forEach(e -> {
            if (e.getValue().booleanValue()) {
                granted.add(e.getKey());
            }
        });
        if (!consentId.equals(receipt.path("consentId").stringValue(null)) || !allowed.equals(granted)) {
            inconsistent.increment();
            problem("the state and the receipt disagree: " + body);
            return false;
        }
        ObjectNode ack = ConsentLoad.JSON.createObjectNode();
        ack.put("site", number);
        ack.put("consentId", consentId);
        ack.put("chain", receipt.path("chain").stringValue());
        ack.put("seq", receipt.path("seq").longValue());
        ack.put("hash", receipt.path("recordHash").stringValue());
        ack.put("time", receipt.path("time").stringValue());
        ack.put("event", receipt.path("event").stringValue());
        ack.put("method", receipt.path("method").stringValue());
        ack.set("categories", receipt.path("categories"));
        ack.set("services", receipt.path("services"));
        synchronized (ackLock) {
            if (closed) {
                return false;
            }
            try {
                acks.write(ack.toString());
                acks.write('\n');
                // To the operating system at once: the file must hold the ack even if this process dies.
                acks.flush();
            } catch (IOException e) {
                problem("could not write " + ackFile + ": " + e);
                return false;
            }
        }
        acked.increment();
        return true;
    }

    void close() {
        synchronized (ackLock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                acks.close();
            } catch (IOException e) {
                System.err.println("could not close " + ackFile + ": " + e);
            }
        }
    }

    private void problem(String text) {
        if (firstProblem.getAndIncrement() < 5) {
            System.err.println("site " + number + ": " + (text.length() > 300 ? text.substring(0, 300) : text));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String summary(long stopped) {
        long[] all;
        synchronized (latencies) {
            all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        }
        double seconds = (stopped - started) / 1e9;
        long other = statuses.values().stream().mapToLong(LongAdder::sum).sum();
        return String.format(
                Locale.ROOT,
                "load site=%d url=%s seconds=%.1f acked=%d rate=%.1f p50_ms=%.1f p99_ms=%.1f refused=%d"
                        + " unanswered=%d timeouts=%d other_status=%d statuses=%s inconsistent=%d",
                number,
                base,
                seconds,
                acked.sum(),
                acked.sum() / seconds,
                percentile(all, 0.50) / 1000.0,
                percentile(all, 0.99) / 1000.0,
                refused.sum(),
                unanswered.sum(),
                timeouts.sum(),
                other,
                statuses.isEmpty() ? "-" : new TreeMap<>(statuses).toString().replace(" ", ""),
                inconsistent.sum());
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
