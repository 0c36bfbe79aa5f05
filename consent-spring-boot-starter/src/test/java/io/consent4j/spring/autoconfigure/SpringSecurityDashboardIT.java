/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.servlet.AuditEndpoint;
import io.consent4j.spring.autoconfigure.secured.SecuredSite;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * consent4j in a site that has Spring Security with its own chain (form login, HTTP Basic, CSRF on): the
 * auditor endpoint and its dashboard take the auditor token and refuse without it, signed-in auditors get
 * in by the site's login and other signed-in users do not, the visitor's {@code POST /consent} works without
 * a CSRF token while cross-site posts are refused, and the site's own pages keep Spring's CSRF protection.
 */
@SpringBootTest(
        classes = SecuredSite.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "consent4j.policy.location=classpath:consent-policy.json",
            "consent4j.cookie.keys=k1:${CONSENT_COOKIE_KEY}",
            "consent4j.receipt.key=${CONSENT_RECEIPT_KEY}",
            "consent4j.audit.token-hashes=${AUDIT_TOKEN_HASH}",
        })
class SpringSecurityDashboardIT {

    private static final String TOKEN = "auditor-token-behind-spring-security";

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("CONSENT_COOKIE_KEY", () -> Base64.getEncoder().encodeToString(new byte[32]));
        registry.add("CONSENT_RECEIPT_KEY", QuickStartIT::receiptKey);
        registry.add("AUDIT_TOKEN_HASH", () -> AuditEndpoint.hashToken(TOKEN));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(HttpClient client, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient client, String path, String type, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDashboardAndTheAuditorApiTakeTheTokenAndRefuseWithoutIt_C25() throws Exception {
        HttpResponse<String> dashboard = get(http, "/consent-audit/dashboard?lang=de", basic("auditor", TOKEN));
        assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<h1>Übersicht</h1>");
        assertThat(get(http, "/consent-audit/dashboard/choices", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> api = get(http, "/consent-audit/verify?from=2026-01-01&to=2026-12-31", "Bearer " + TOKEN);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);

        HttpResponse<String> none = get(http, "/consent-audit/dashboard", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"consent4j-audit\""));
        assertThat(get(http, "/consent-audit/dashboard", basic("auditor", "wrong"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get(http, "/consent-audit/verify?from=2026-01-01&to=2026-12-31", null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void theDashboardsFormsPostWithTheTokenButNotFromAnotherSite_C25() throws Exception {
        HttpResponse<String> verify = post(
                http,
                "/consent-audit/dashboard/verify?lang=en",
                "application/x-www-form-urlencoded",
                "",
                "Authorization",
                basic("auditor", TOKEN),
                "Origin",
                url(""));
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(303);

        HttpResponse<String> crossSite = post(
                http,
                "/consent-audit/dashboard/verify?lang=en",
                "application/x-www-form-urlencoded",
                "",
                "Authorization",
                basic("auditor", TOKEN),
                "Sec-Fetch-Site",
                "cross-site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
    }

    @Test
    void anAuditorSignedInByTheSitesFormGetsInAndAnotherSignedInUserDoesNotEvenWithTheToken() throws Exception {
        HttpClient auditor = signedIn("auditor", "audit-secret");
        HttpClient teacher = signedIn("teacher", "teach-secret");

        assertThat(get(auditor, "/account", null).body()).isEqualTo("account of auditor");
        HttpResponse<String> dashboard = get(auditor, "/consent-audit/dashboard?lang=en", null);
        assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<h1>Overview</h1>");

        assertThat(get(teacher, "/account", null).body()).isEqualTo("account of teacher");
        assertThat(get(teacher, "/consent-audit/dashboard", null).statusCode()).isEqualTo(403);
        assertThat(get(teacher, "/consent-audit/dashboard", "Bearer " + TOKEN).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theVisitorPostsAChoiceWithoutACsrfTokenWhileTheSitesOwnPostsKeepSpringsCsrfProtection_C21() throws Exception {
        HttpResponse<String> choice = post(
                http,
                "/consent",
                "application/json",
                "{\"action\":\"reject_all\",\"layer\":\"first_layer\"}",
                "Origin",
                url(""),
                "Sec-Fetch-Site",
                "same-origin");
        assertThat(choice.statusCode()).as(choice.body()).isEqualTo(200);
        assertThat(choice.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("consent4j="));

        HttpResponse<String> crossSite = post(
                http,
                "/consent",
                "application/json",
                "{\"action\":\"accept_all\",\"layer\":\"first_layer\"}",
                "Origin",
                "https://evil.example");
        assertThat(crossSite.statusCode()).isEqualTo(403);

        HttpClient teacher = signedIn("teacher", "teach-secret");
        assertThat(post(teacher, "/account/name", "application/x-www-form-urlencoded", "name=x")
                        .statusCode())
                .as("the site's own post without its CSRF token")
                .isEqualTo(403);
    }

    /** A client with a session signed in through the site's login form, CSRF token and all. */
    private HttpClient signedIn(String user, String password) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String form = get(client, "/login", null).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as(form).isTrue();
        HttpResponse<String> login = post(
                client,
                "/login",
                "application/x-www-form-urlencoded",
                "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(login.statusCode()).as("signed in").isEqualTo(204);
        return client;
    }
}
