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
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The test site with {@code consent4j.filter.enabled=false}, as the load benchmark runs it to measure
 * the filter's cost: pages that ask {@code #consent} still render, as for a visitor without consent,
 * and the visitor endpoint still records choices.
 */
@SpringBootTest(
        classes = LearningSite.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "consent4j.dev-mode=true",
            "consent4j.policy.location=classpath:consent-policy.json",
            "consent4j.filter.enabled=false",
        })
class FilterOffIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pagesRenderAsWithoutConsentAndTheirCookiesPassUnchecked() throws Exception {
        String base = "http://127.0.0.1:" + port;

        HttpResponse<String> first = get(base + "/course", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body())
                .contains("id=\"consent4j-config\"")
                .contains("id=\"no-analytics\"")
                .doesNotContain("id=\"analytics\"");
        // Nothing gates the response: the analytics cookie is not dropped.
        assertThat(first.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("_pk_id.1="));

        HttpResponse<String> choice = http.send(
                HttpRequest.newBuilder(URI.create(base + "/consent"))
                        .header("Content-Type", "application/json")
                        .header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"accept_all\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(choice.statusCode()).as(choice.body()).isEqualTo(200);
        String setCookie = choice.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("consent4j="))
                .findFirst()
                .orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        // Without the filter no request carries a decision, so templates see no consent.
        HttpResponse<String> after = get(base + "/course", cookie);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("id=\"no-analytics\"").doesNotContain("id=\"bean-analytics\"");
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept-Language", "de");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
