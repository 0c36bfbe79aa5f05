/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.spring.autoconfigure.site.LearningSite;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's Spring Boot quick start, exactly as written, in a site with Spring Security and
 * Thymeleaf: a visitor's whole choice over HTTP.
 */
@SpringBootTest(
        classes = LearningSite.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            // The README's properties, unchanged:
            "consent4j.policy.location=classpath:consent-policy.json",
            "consent4j.cookie.keys=k1:${CONSENT_COOKIE_KEY}",
            "consent4j.receipt.key=${CONSENT_RECEIPT_KEY}",
        })
class QuickStartIT {

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("CONSENT_COOKIE_KEY", () -> Base64.getEncoder().encodeToString(new byte[32]));
        registry.add("CONSENT_RECEIPT_KEY", QuickStartIT::receiptKey);
    }

    static String receiptKey() {
        try {
            java.security.KeyPair pair =
                    java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void visitorAcceptsAllAndThePageSeesAnalyticsAllowed() throws Exception {
        String base = "http://127.0.0.1:" + port;

        HttpResponse<String> first = get(base + "/course", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("_pk_id"));
        assertThat(meters.get("consent4j.cookies.dropped")
                        .tag("reason", "not_allowed")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(first.body())
                .contains("id=\"consent4j-config\"")
                .contains("/consent4j/")
                .contains("consent.js")
                .contains("id=\"no-analytics\"")
                .doesNotContain("id=\"analytics\"");

        HttpResponse<String> state = get(base + "/consent?lang=de", null);
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"showBanner\":true");

        HttpResponse<String> choice = http.send(
                HttpRequest.newBuilder(URI.create(base + "/consent"))
                        .header("Content-Type", "application/json")
                        .header("Origin", base)
                        .header("Sec-Fetch-Site", "same-origin")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"action\":\"accept_all\",\"layer\":\"first_layer\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(choice.statusCode()).as(choice.body()).isEqualTo(200);
        String setCookie = choice.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("consent4j="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> after = get(base + "/course", cookie);
        assertThat(after.body()).contains("id=\"analytics\"").contains("id=\"bean-analytics\"");
        assertThat(after.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("_pk_id.1="));

        assertThat(meters.get("consent4j.records.appended")
                        .tag("event", "given")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.get("consent4j.records.append")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("consent4j.decisions")
                        .tag("state", "decided")
                        .timer()
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("consent4j.decisions")
                        .tag("state", "undecided")
                        .timer()
                        .count())
                .isGreaterThanOrEqualTo(1);

        HttpResponse<String> script = get(base + io.consent4j.assets.BannerAssets.SCRIPT_PATH, null);
        assertThat(script.statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAuthenticatedHoldersOfTheAuditorAuthorityReachTheAuditorEndpoint() throws Exception {
        String url = "http://127.0.0.1:" + port + "/consent-audit/verify?from=2026-01-01&to=2026-12-31";

        assertThat(getAs(url, null).statusCode()).isEqualTo(401);
        assertThat(getAs(url, "teacher:teach-secret").statusCode()).isEqualTo(403);
        HttpResponse<String> auditor = getAs(url, "auditor:audit-secret");
        assertThat(auditor.statusCode()).as(auditor.body()).isEqualTo(200);
        assertThat(auditor.body()).contains("\"ok\"");
    }

    @Test
    void auditorsSeeTheUndeclaredCookiesOfTheSiteAndDownloadTheAuditBundle() throws Exception {
        assertThat(get("http://127.0.0.1:" + port + "/share", null).statusCode())
                .isEqualTo(200);

        String base = "http://127.0.0.1:" + port + "/consent-audit/";
        HttpResponse<String> cookies = getAs(base + "cookies", "auditor:audit-secret");
        assertThat(cookies.statusCode()).as(cookies.body()).isEqualTo(200);
        assertThat(cookies.body())
                .contains("\"name\":\"_fbp\"", "\"likelyCategory\":\"marketing\"", "\"/share\"")
                .doesNotContain("fb.1.share");
        assertThat(getAs(base + "cookies", "teacher:teach-secret").statusCode()).isEqualTo(403);

        HttpRequest bundle = HttpRequest.newBuilder(URI.create(base + "bundle?from=2026-01-01&to=2026-12-31"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("auditor:audit-secret".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<byte[]> zip = http.send(bundle, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains("export.ndjson", "public-key.jwk", "README.md", "SHA256SUMS");
        assertThat(names).anyMatch(name -> name.endsWith("-verifier.jar"));
    }

    private HttpResponse<String> getAs(String url, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept-Language", "de");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
