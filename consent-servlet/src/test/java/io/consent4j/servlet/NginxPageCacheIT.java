/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The plain-servlet site on Jetty 12 behind a real nginx page cache ({@link NginxProxy}) that keeps
 * every answer the site does not forbid it to keep: visitors with different choices never receive each
 * other's page, while the static script is served from the cache.
 */
class NginxPageCacheIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final Pattern CONFIG =
            Pattern.compile("<script type=\"application/json\" id=\"consent4j-config\">(.*?)</script>", Pattern.DOTALL);

    private Site site;
    private NginxProxy nginx;

    @BeforeEach
    void start(@TempDir Path directory) throws Exception {
        NginxProxy.requireOrSkip();
        site = Site.start();
        nginx = NginxProxy.start(
                Integer.parseInt(site.origin().substring(site.origin().lastIndexOf(':') + 1)), directory);
    }

    @AfterEach
    void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void visitorsWithDifferentChoicesNeverReceiveEachOthersPage() throws Exception {
        Visitor accepting = Visitor.choosing(nginx, "accept_all");
        Visitor rejecting = Visitor.choosing(nginx, "reject_all");
        assertThat(accepting.consentId).isNotEqualTo(rejecting.consentId);

        List<HttpResponse<String>> pages = new ArrayList<>();
        // Each visitor in turn, several times, and a first-time visitor between them: whoever a cache
        // served first would show up in the others' pages.
        for (int round = 0; round < 3; round++) {
            for (Visitor visitor : List.of(accepting, rejecting)) {
                HttpResponse<String> page = get("/head", visitor.cookie);
                JsonNode state = state(page);
                assertThat(state.path("consentId").stringValue())
                        .as("the consent id on %s's page", visitor.choice)
                        .isEqualTo(visitor.consentId);
                assertThat(state.path("state").stringValue()).isEqualTo("decided");
                assertThat(granted(state))
                        .as("the granted categories on %s's page", visitor.choice)
                        .containsExactlyInAnyOrderElementsOf(
                                visitor.choice.equals("accept_all")
                                        ? List.of("necessary", "functional", "analytics", "marketing")
                                        : List.of("necessary"));
                assertThat(page.body()).doesNotContain(visitor.other(accepting, rejecting).consentId);
                pages.add(page);
            }
            HttpResponse<String> newcomer = get("/head", null);
            assertThat(state(newcomer).path("state").stringValue()).isEqualTo("undecided");
            assertThat(newcomer.body()).doesNotContain(accepting.consentId).doesNotContain(rejecting.consentId);
            pages.add(newcomer);
        }

        for (HttpResponse<String> page : pages) {
            assertThat(page.headers().firstValue("X-Cache-Status"))
                    .as("nginx's cache status of a page; its error log: %s", nginx.errorLog())
                    .hasValue("MISS");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("private");
        }
    }

    @Test
    void theServerRenderedBannerShowsEachVisitorTheirOwnChoices() throws Exception {
        Visitor accepting = Visitor.choosing(nginx, "accept_all");
        Visitor rejecting = Visitor.choosing(nginx, "reject_all");

        for (int round = 0; round < 2; round++) {
            String accepted = get("/page", accepting.cookie).body();
            String rejected = get("/page", rejecting.cookie).body();

            // Only the visitor who granted something is offered the withdrawal; neither sees the first layer.
            assertThat(accepted)
                    .contains("<form method=\"post\" action=\"/consent\"><input")
                    .doesNotContain("c4j-bar");
            assertThat(rejected)
                    .contains("<form method=\"post\" action=\"/consent\" hidden>")
                    .doesNotContain("c4j-bar");
        }
    }

    @Test
    void theStaticScriptIsServedFromTheCacheToEveryVisitor() throws Exception {
        Visitor accepting = Visitor.choosing(nginx, "accept_all");
        Visitor rejecting = Visitor.choosing(nginx, "reject_all");

        HttpResponse<String> first = get(Site.ASSET_PATH, accepting.cookie);
        HttpResponse<String> second = get(Site.ASSET_PATH, rejecting.cookie);
        HttpResponse<String> third = get(Site.ASSET_PATH, null);

        assertThat(first.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Cache-Status")).hasValue("HIT");
        assertThat(third.headers().firstValue("X-Cache-Status")).hasValue("HIT");
        assertThat(third.headers().firstValue("Cache-Control")).hasValue(Site.ASSET_CACHE_CONTROL);
        assertThat(third.body()).isEqualTo(first.body());
    }

    @Test
    void theVisitorEndpointIsNeverServedFromTheCache() throws Exception {
        Visitor accepting = Visitor.choosing(nginx, "accept_all");
        Visitor rejecting = Visitor.choosing(nginx, "reject_all");

        for (int round = 0; round < 2; round++) {
            for (Visitor visitor : List.of(accepting, rejecting)) {
                HttpResponse<String> state = get("/consent", visitor.cookie);

                assertThat(state.headers().firstValue("X-Cache-Status")).hasValue("MISS");
                assertThat(Site.JSON
                                .readTree(state.body())
                                .path("state")
                                .path("consentId")
                                .stringValue())
                        .isEqualTo(visitor.consentId);
            }
        }
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(nginx.origin() + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s; nginx's error log: %s", path, nginx.errorLog())
                .isEqualTo(200);
        return response;
    }

    private static List<String> granted(JsonNode state) {
        List<String> ids = new ArrayList<>();
        state.path("categories").forEach(id -> ids.add(id.stringValue()));
        return ids;
    }

    private static JsonNode state(HttpResponse<String> page) {
        Matcher config = CONFIG.matcher(page.body());
        assertThat(config.find()).as("the page's data block").isTrue();
        return Site.JSON.readTree(config.group(1).replace("<\\/", "</")).path("state");
    }

    /** A visitor who made a choice through the proxy, with the cookie they got for it. */
    private record Visitor(String choice, String cookie, String consentId) {

        static Visitor choosing(NginxProxy nginx, String action) throws Exception {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(nginx.origin() + "/consent"))
                            .header("Content-Type", "application/json")
                            .header("Origin", nginx.origin())
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"action\":\"" + action + "\"}", StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            String header = answer.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("consent4j="))
                    .findFirst()
                    .orElseThrow();
            String consentId = Site.JSON
                    .readTree(answer.body())
                    .path("state")
                    .path("consentId")
                    .stringValue();
            return new Visitor(action, header.substring(0, header.indexOf(';')), consentId);
        }

        Visitor other(Visitor one, Visitor two) {
            return this == one ? two : one;
        }
    }
}
