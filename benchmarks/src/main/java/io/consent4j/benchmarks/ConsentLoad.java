/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts consent choices to running learning sites as many new visitors at once, and writes every
 * acknowledged choice to a file the moment its answer arrives, for {@link LedgerCheck} to look for in
 * the ledger later. Each post is a new visitor (no cookie) with a same-origin {@code Origin}, choosing
 * "accept all", "reject all", a random set of categories (sometimes with a single service more), or one
 * service from an embed placeholder. An acknowledgement is a 2xx answer: the file gets one JSON line with
 * the consent id and what the answer's receipt payload says about the record (chain, sequence, hash,
 * time, event, method, every category's and service's state).
 *
 * <p>Runs for {@code --seconds} and then waits for the answers still on their way, or with
 * {@code --seconds=0} until it is stopped (SIGTERM), when it stops posting, gives the posts on their way
 * a moment and closes the file. Either way it prints one {@code load ...} line per site: acknowledged
 * posts and their rate, latency percentiles, and posts without an acknowledgement (refused connections,
 * posts that got no answer, timeouts, other statuses). Posts to a site that is down are retried every
 * 50 ms with a new visitor.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.consent4j.benchmarks.ConsentLoad --site=http://127.0.0.1:18101
 *     --acks=acks.ndjson [--site=... --acks=...] [--clients=8] [--seconds=0] [--ready=FILE]</pre>
 *
 * {@code --clients} is per site; {@code --ready} names a file created at the first acknowledgement.
 */
public final class ConsentLoad {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicBoolean stop = new AtomicBoolean();

    private ConsentLoad() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, Set.of("site", "acks", "clients", "seconds", "ready"));
        List<String> sites = options.all("site");
        List<String> acks = options.all("acks");
        if (sites.isEmpty() || sites.size() != acks.size()) {
            throw new IllegalArgumentException("give one --acks=FILE for each --site=URL");
        }
        new ConsentLoad()
                .run(
                        sites,
                        acks,
                        options.getInt("clients", 8),
                        options.getInt("seconds", 0),
                        options.get("ready", null));
    }

    private void run(List<String> urls, List<String> ackFiles, int clients, int seconds, String ready)
            throws Exception {
        List<LoadedSite> sites = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            sites.add(new LoadedSite(i + 1, urls.get(i), Path.of(ackFiles.get(i))));
        }
        for (LoadedSite site : sites) {
            site.learnPolicy();
        }
        AtomicBoolean readyWritten = new AtomicBoolean(ready == null);
        List<Thread> workers = new ArrayList<>();
        Thread hook = new Thread(() -> finish(sites, workers));
        Runtime.getRuntime().addShutdownHook(hook);
        for (LoadedSite site : sites) {
            site.started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Thread worker = new Thread(() -> site.post(stop, () -> {
                    if (readyWritten.compareAndSet(false, true)) {
                        touch(Path.of(ready));
                    }
                }));
                worker.setName("consent-load-" + site.number + "-" + c);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
        }
        if (seconds > 0) {
            Thread.sleep(seconds * 1000L);
            Runtime.getRuntime().removeShutdownHook(hook);
            finish(sites, workers);
        } else {
            new CountDownLatch(1).await(); // until the shutdown hook has run
        }
    }

    /** Stops posting, waits a little for answers on their way, closes the files and prints the figures. */
    private void finish(List<LoadedSite> sites, List<Thread> workers) {
        long stopped = System.nanoTime();
        stop.set(true);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (LoadedSite site : sites) {
            site.close();
            System.out.println(site.summary(stopped));
        }
        System.out.flush();
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "ready\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("could not write " + file + ": " + e);
        }
    }
}
