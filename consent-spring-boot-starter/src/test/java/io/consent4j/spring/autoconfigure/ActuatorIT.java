/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.spring.autoconfigure.site.LearningSite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter's Actuator parts answer over HTTP as an operator would call them: the {@code consent}
 * endpoint and the ledger's health. Their classes are not public API, so this proves Actuator reaches them
 * all the same.
 */
@SpringBootTest(
        classes = LearningSite.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "consent4j.policy.location=classpath:consent-policy.json",
            "consent4j.dev-mode=true",
            "consent4j.ledger.store=memory",
            "management.endpoints.web.exposure.include=health,consent",
            "management.endpoint.health.show-components=always",
        })
class ActuatorIT {

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();

    @Test
    void theConsentEndpointGivesThePolicyAndTheEventsOfTheLastMonth() throws Exception {
        HttpResponse<String> answer = get("/actuator/consent");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"policyVersion\"").contains("\"events\"");
    }

    @Test
    void theConsentEndpointVerifiesTheLedger_C25() throws Exception {
        HttpResponse<String> answer = get("/actuator/consent/verify");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"ok\":true");
    }

    @Test
    void theLedgerHealthIsUp() throws Exception {
        HttpResponse<String> answer = get("/actuator/health");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"consentLedger\":{\"status\":\"UP\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
