/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The no-op endpoint that benchmarks/post-ratio.sh measures POST /consent against exists in the
 * {@code bench} profile only, never in the demo as it is run.
 */
class BenchProfileIT {

    @Test
    void noOpPostExistsOnlyInTheBenchProfile(@TempDir Path dir) throws Exception {
        try (ConfigurableApplicationContext site = start(dir.resolve("demo"))) {
            assertThat(postNoOp(site).statusCode()).isEqualTo(404);
        }
        try (ConfigurableApplicationContext site = start(dir.resolve("bench"), "--spring.profiles.active=bench")) {
            HttpResponse<String> answer = postNoOp(site);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"ok\":true}");
        }
    }

    private static ConfigurableApplicationContext start(Path ledger, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "--server.port=0";
        args[1] = "--server.address=127.0.0.1";
        args[2] = "--consent4j.ledger.path=" + ledger;
        System.arraycopy(more, 0, args, 3, more.length);
        return new SpringApplicationBuilder(LearningSiteApplication.class).run(args);
    }

    private static HttpResponse<String> postNoOp(ConfigurableApplicationContext site) throws Exception {
        String origin = "http://127.0.0.1:" + site.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create(origin + "/bench/noop"))
                .header("Content-Type", "application/json")
                .header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"accept_all\"}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
