/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.assets.BannerAssets;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.token.ConsentId;
import io.consent4j.spring.autoconfigure.site.LearningSite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test site with Spring Security and Thymeleaf, run as behind a reverse proxy or page cache:
 * {@code server.forward-headers-strategy=native} lets the embedded container take each client's address
 * from the headers the proxy adds, pages that depend on the visitor are kept out of shared caches, and
 * the banner's versioned assets are served for every cache to keep.
 */
@SpringBootTest(
        classes = LearningSite.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "server.forward-headers-strategy=native",
            "consent4j.dev-mode=true",
            "consent4j.policy.location=classpath:consent-policy.json",
            // The recipe in docs/PROXIES.md: the versioned banner assets may be kept by every cache for a year.
            "spring.web.resources.cache.cachecontrol.max-age=365d",
            "spring.web.resources.cache.cachecontrol.cache-public=true",
        })
class BehindProxyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) throws IOException {
        Path directory = Files.createTempDirectory(Path.of("target"), "behind-proxy-it");
        registry.add("consent4j.ledger.path", () -> directory.resolve("ledger").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ConsentLedger ledger;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachClientBehindTheProxyGetsItsOwnTruncatedAddressInItsRecords_C22_C23() throws Exception {
        String first = choose("X-Forwarded-For", "203.0.113.7");
        String second = choose("X-Forwarded-For", "198.51.100.23");

        assertThat(ipPrefix(first)).isEqualTo("203.0.113.0/24");
        assertThat(ipPrefix(second)).isEqualTo("198.51.100.0/24");
    }

    @Test
    void aPageThatDependsOnTheVisitorIsPrivateAndKeepsSpringSecuritysNoStore() throws Exception {
        HttpResponse<String> course = get("/course");

        assertThat(course.body()).contains("id=\"consent4j-config\"");
        assertThat(course.headers().allValues("Cache-Control"))
                .containsExactly("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(varies(course)).contains("Cookie");
    }

    @Test
    void aPageTheSiteLetsCachesKeepIsMadePrivateOnceItAsksForConsent() throws Exception {
        HttpResponse<String> catalogue = get("/catalogue");

        assertThat(catalogue.body()).contains("Alle Kurse").doesNotContain("id=\"analytics\"");
        assertThat(catalogue.headers().allValues("Cache-Control")).containsExactly("private, max-age=600");
        assertThat(varies(catalogue)).contains("Cookie");
    }

    @Test
    void theBannerScriptIsPublicForAYearAndDoesNotVaryByCookie() throws Exception {
        HttpResponse<String> script = get(BannerAssets.SCRIPT_PATH);

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().allValues("Cache-Control")).containsExactly("max-age=31536000, public");
        assertThat(varies(script)).doesNotContain("Cookie");
    }

    private String choose(String header, String value) throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> choice = http.send(
                HttpRequest.newBuilder(URI.create(base + "/consent"))
                        .header("Content-Type", "application/json")
                        .header("Origin", base)
                        .header(header, value)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"reject_all\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(choice.statusCode()).as(choice.body()).isEqualTo(200);
        return JSON.readTree(choice.body()).path("state").path("consentId").stringValue();
    }

    private String ipPrefix(String consentId) {
        List<ConsentRecord> records = ledger.findByConsentId(ConsentId.parse(consentId));
        assertThat(records).hasSize(1);
        return records.get(0).content().ipPrefix();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> varies(HttpResponse<String> response) {
        return response.headers().allValues("Vary").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .toList();
    }
}
