/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.servlet.AuditEndpoint;
import io.consent4j.servlet.ConsentSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One table of scenarios, run against every front door of consent4j: the plain-servlet setup on Jetty
 * ({@code PlainServletParityIT} in consent-servlet) and the Spring Boot starter on its embedded server
 * ({@code SpringBootParityIT} in the starter). Both sites get the same {@link #properties()}, under the
 * same names, and the same hooks ({@link ParitySite}); every scenario talks to them over HTTP only, as
 * visitors and auditors do, so a difference between the front doors fails here.
 *
 * <p>The sites are shared by the scenarios of a class and their clock only moves forward, so each
 * scenario starts a visitor of its own and reads times from the site's clock.
 */
public abstract class ParityScenarios {

    /** The auditor's bearer token on a site that checks tokens itself. */
    public static final String AUDITOR_TOKEN = "parity-auditor-token";

    /** The retention of the parity sites: the shortest allowed, plus a little. */
    public static final Duration RETENTION = Duration.ofDays(400);

    /** The auditor's range limit on the parity sites. */
    public static final Duration MAX_RANGE = Duration.ofDays(30);

    private static final String RECEIPT_KEY = ReceiptSigner.generate("parity-1").privateKeyBase64();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /**
     * The configuration of both sites, by the one name each setting has: servlet context parameters on
     * one, Spring Boot properties on the other.
     */
    public static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(ConsentSettings.POLICY_LOCATION, "classpath:io/consent4j/servlet/parity/parity-policy.json");
        properties.put(ConsentSettings.COOKIE_KEYS, "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        properties.put(ConsentSettings.COOKIE_SECURE, "false");
        properties.put(ConsentSettings.RECEIPT_KEY, RECEIPT_KEY);
        properties.put(ConsentSettings.RECEIPT_KEY_ID, "parity-1");
        properties.put(ConsentSettings.LEDGER_STORE, "memory");
        properties.put(ConsentSettings.LEDGER_RETENTION, RETENTION.toDays() + "d");
        properties.put(ConsentSettings.RATE_LIMIT_POSTS, "1000");
        properties.put(ConsentSettings.AUDIT_TOKEN_HASHES, AuditEndpoint.hashToken(AUDITOR_TOKEN));
        properties.put(ConsentSettings.AUDIT_MAX_RANGE, MAX_RANGE.toDays() + "d");
        return properties;
    }

    /** The running site the scenarios talk to. */
    protected abstract ParitySite site();

    @Test
    void aChoiceIsRecordedBeforeItsSignedCookieIsSet_C21() throws Exception {
        Reply choice = post("{\"action\":\"accept_all\",\"layer\":\"first_layer\"}", null);

        assertThat(choice.status()).as(choice.body()).isEqualTo(200);
        assertThat(choice.setCookie("consent4j")).contains("HttpOnly").contains("SameSite=Lax");
        List<ConsentRecord> records = records(choice.consentId());
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.content().event()).isEqualTo(ConsentEvent.GIVEN);
            assertThat(record.content().grantedCategories()).contains("necessary", "analytics", "marketing");
            assertThat(record.recordedAt()).isEqualTo(site().clock().instant());
        });
    }

    @Test
    void withdrawalIsRecordedAndEndsTheGrant_C14_C21() throws Exception {
        Reply given = acceptAll();

        Reply withdrawn = post("{\"action\":\"withdraw\"}", given.cookie());

        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(withdrawn.json().path("state").path("categories").toString())
                .doesNotContain("analytics")
                .doesNotContain("marketing");
        assertThat(records(given.consentId()))
                .extracting(r -> r.content().event())
                .containsExactly(ConsentEvent.GIVEN, ConsentEvent.WITHDRAWN);
    }

    @Test
    void theRetentionPurgeRemovesOldRecordsAndIsRecorded_C26() throws Exception {
        String old = acceptAll().consentId();
        assertThat(site().retention().started())
                .as("the assembly started the retention job")
                .isTrue();
        assertThat(site().retention().interval()).isEqualTo(Duration.ofDays(1));

        site().clock().advance(RETENTION.plusDays(1));
        ConsentRecord purge = site().retention().runNow().orElseThrow();

        assertThat(purge.content().event()).isEqualTo(ConsentEvent.PURGE);
        assertThat(purge.recordedAt()).isEqualTo(site().clock().instant());
        assertThat(records(old)).isEmpty();
        Instant now = site().clock().instant();
        Reply export = audit("/export?from=" + now.minus(Duration.ofDays(1)) + "&to=" + now.plus(Duration.ofDays(1)));
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.header("Consent-Verification")).isEqualTo("ok");
        assertThat(export.body()).contains("\"event\":\"purge\"");
    }

    @Test
    void aChildFacingPageAllowsOnlyNecessaryEvenAfterAcceptAll_C28() throws Exception {
        Reply given = acceptAll();

        Reply lesson = get("/lesson", given.cookie());
        Reply kids = get("/kids/lesson", given.cookie());

        assertThat(lesson.status()).isEqualTo(200);
        assertThat(lesson.body()).contains("<p id=\"allowed\">necessary analytics marketing</p>");
        assertThat(lesson.setCookie("_pk_id.parity")).isNotNull();
        assertThat(kids.status()).isEqualTo(200);
        assertThat(kids.body()).contains("<p id=\"allowed\">necessary</p>");
        assertThat(kids.setCookie("_pk_id.parity"))
                .as("the analytics cookie is dropped (C15)")
                .isNull();
    }

    @Test
    void anAccountReferenceIsRecordedAsAKeyedHashNeverTheAccountId_C22_C23() throws Exception {
        String account = "pupil-" + UUID.randomUUID();
        Reply choice = post("{\"action\":\"accept_all\"}", null, ParitySite.ACCOUNT_HEADER, account);
        assertThat(choice.status()).as(choice.body()).isEqualTo(200);

        Reply byAccount = audit("/accounts/" + ParitySite.ACCOUNTS.of(account));

        assertThat(byAccount.status()).as(byAccount.body()).isEqualTo(200);
        assertThat(byAccount.body()).doesNotContain(account);
        assertThat(parse(byAccount)).singleElement().satisfies(record -> {
            assertThat(record.content().consentId().toString()).isEqualTo(choice.consentId());
            assertThat(record.content().accountRef()).isEqualTo(ParitySite.ACCOUNTS.of(account));
        });
    }

    @Test
    void aGpcSignalIsRecordedAndNeverReadAsConsent_C19() throws Exception {
        Reply given = acceptAll();

        Reply state = get("/consent", given.cookie(), "Sec-GPC", "1");

        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json().path("state").path("deniedBySignal").toString()).contains("marketing");
        assertThat(state.json().path("state").path("categories").toString())
                .contains("analytics")
                .doesNotContain("marketing");
        site().impliedRecords().runAll();
        List<ConsentRecord> records = records(given.consentId());
        assertThat(records)
                .extracting(r -> r.content().event())
                .containsExactly(ConsentEvent.GIVEN, ConsentEvent.SIGNAL_APPLIED);
        assertThat(records.get(1).content().signals()).isNotEmpty();
        assertThat(records.get(1).content().grantedCategories()).doesNotContain("marketing");
    }

    @Test
    void aSignalIsRecordedOnceOnFilteredPagesWithoutTheEndpoint_C19() throws Exception {
        Reply given = acceptAll();

        Reply first = get("/lesson", given.cookie(), "Sec-GPC", "1");
        Reply second = get("/lesson", given.cookie(), "Sec-GPC", "1");
        site().impliedRecords().runAll();
        Reply dnt = get("/lesson", given.cookie(), "DNT", "1");
        get("/lesson", given.cookie(), "DNT", "1");
        site().impliedRecords().runAll();

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.body()).contains("<p id=\"allowed\">necessary analytics</p>");
        assertThat(dnt.body()).contains("<p id=\"allowed\">necessary analytics</p>");
        List<ConsentRecord> records = records(given.consentId());
        assertThat(records)
                .extracting(r -> r.content().event())
                .containsExactly(ConsentEvent.GIVEN, ConsentEvent.SIGNAL_APPLIED, ConsentEvent.SIGNAL_APPLIED);
        assertThat(records.get(1).content().signals()).containsExactly("gpc");
        assertThat(records.get(1).content().path()).isEqualTo("/lesson");
        assertThat(records.get(2).content().signals()).containsExactly("dnt");
        assertThat(records.get(2).content().grantedCategories()).doesNotContain("marketing");
    }

    @Test
    void aParentConsentsByLinkAndTheChildsNextPageCarriesTheChoice_C28() throws Exception {
        Reply asked = postTo("/consent/parent-link", "application/json", "{}", null);
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        String child = asked.cookie();
        String link = asked.json().path("link").stringValue();
        assertThat(link).startsWith(site().origin() + "/consent/parent?t=");
        assertThat(asked.json().path("sent").booleanValue()).isFalse();
        Reply waiting = get("/kids/lesson", child);
        assertThat(waiting.body()).contains("<p id=\"allowed\">necessary</p>");

        Reply page = get(link.substring(site().origin().length()), null, "Accept-Language", "de");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Einwilligung eines Elternteils")
                .contains("name=\"category\"")
                .as("the full settings layer: services with their cookie tables, in the banner's style")
                .contains("name=\"service\"")
                .contains("class=\"c4j-tbl\"")
                .contains("/consent.css\"")
                .doesNotContain("checked role")
                .doesNotContain(" checked>");
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
        String token = link.substring(link.indexOf("t=") + 2);
        Reply chosen = postTo(
                "/consent/parent",
                "application/x-www-form-urlencoded",
                "t=" + token + "&action=save&category=analytics",
                null);
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.setCookie("consent4j"))
                .as("the parent's device gets no cookie")
                .isNull();

        Reply next = get("/kids/lesson", child);
        assertThat(next.body()).contains("<p id=\"allowed\">necessary analytics</p>");
        String delivered = next.cookie();
        assertThat(get("/kids/lesson", delivered).body()).contains("<p id=\"allowed\">necessary analytics</p>");
        String consentId =
                get("/consent", child).json().path("state").path("consentId").stringValue();
        List<ConsentRecord> records = records(consentId);
        assertThat(records)
                .extracting(r -> r.content().event())
                .containsExactly(ConsentEvent.GIVEN, ConsentEvent.PARENTAL_CONSENT);
        assertThat(records.get(1).content().actor().name()).isEqualTo("PARENT");
        assertThat(records.get(1).content().grantedCategories())
                .contains("analytics")
                .doesNotContain("marketing");

        Reply again = postTo(
                "/consent/parent", "application/x-www-form-urlencoded", "t=" + token + "&action=accept_all", null);
        Reply forged = get("/consent/parent?t=" + Forgery.forged(token), null);
        Reply badService = postTo(
                "/consent/parent",
                "application/x-www-form-urlencoded",
                "t=" + token + "&action=save&service=nope",
                null);
        Reply second = postTo("/consent/parent-link", "application/json", "{}", delivered);
        assertThat(second.setCookie("consent4j"))
                .as("a child with a consent keeps it")
                .isNull();
        site().clock().advance(Duration.ofDays(8));
        String late = second.json().path("link").stringValue();
        Reply expired = get(late.substring(site().origin().length()), null);
        assertThat(again.status()).isEqualTo(410);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(badService.status())
                .as("a used link is checked before the choice")
                .isIn(400, 410);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(records(consentId)).hasSize(2);
    }

    @Test
    void withoutScriptTheChildsFormGetsAPageWithTheLinkAndTheParentsServicesAreRecorded_C8_C28() throws Exception {
        Reply asked = postTo(
                "/consent/parent-link",
                "application/x-www-form-urlencoded",
                "lang=en&return=%2Fkids%2Flesson",
                null,
                "Accept-Language",
                "en");
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        assertThat(asked.header("Content-Type")).startsWith("text/html");
        assertThat(asked.header("Cache-Control")).isEqualTo("no-store");
        assertThat(asked.body())
                .contains("<html lang=\"en\"")
                .contains("id=\"c4j-plink\"")
                .contains("value=\"" + site().origin() + "/consent/parent?t=")
                .contains("href=\"/kids/lesson\"");
        String body = asked.body();
        int start = body.indexOf("value=\"", body.indexOf("id=\"c4j-plink\"")) + 7;
        String link = body.substring(start, body.indexOf('"', start));
        String token = link.substring(link.indexOf("t=") + 2);
        String service = "matomo";

        Reply chosen = postTo(
                "/consent/parent",
                "application/x-www-form-urlencoded",
                "t=" + token + "&action=save&category=analytics&service=" + service,
                null);
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        String consentId = get("/consent", asked.cookie())
                .json()
                .path("state")
                .path("consentId")
                .stringValue();
        ConsentRecord parental = records(consentId).get(1);
        assertThat(parental.content().event()).isEqualTo(ConsentEvent.PARENTAL_CONSENT);
        assertThat(parental.content().services()).containsEntry(service, true);
    }

    @Test
    void anAuditorExportsAVerifiedRangeNoLongerThanTheMaxRange_C25() throws Exception {
        String id = acceptAll().consentId();
        Instant now = site().clock().instant();

        Reply export = audit("/export?from=" + now.minus(Duration.ofDays(1)) + "&to=" + now.plus(Duration.ofDays(1)));
        Reply tooLong = audit("/export?from=" + now.minus(MAX_RANGE) + "&to=" + now.plus(Duration.ofDays(1)));
        Reply anonymous = send(HttpRequest.newBuilder(uri("/consent-audit/export?from=" + now.minus(Duration.ofDays(1))
                        + "&to=" + now.plus(Duration.ofDays(1))))
                .GET()
                .build());

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.header("Consent-Verification")).isEqualTo("ok");
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(export.body()).contains(id);
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void everyPageHeadCarriesTheBannerConfigurationScriptAndStylesheet_C20() throws Exception {
        Reply lesson = get("/lesson", null);

        String assets = ConsentSettings.DEFAULT_ASSETS_PATH;
        assertThat(lesson.status()).isEqualTo(200);
        assertThat(lesson.body())
                .contains("<head><script type=\"application/json\" id=\"consent4j-config\">")
                .as("the banner's script is deferred: it never holds up the page's first paint")
                .contains("<script defer src=\"" + assets + "/consent.js\" data-endpoint=\"/consent\"></script>")
                .contains("<link rel=\"stylesheet\" href=\"" + assets + "/consent.css\">")
                .as("the policy maps analytics to Consent Mode: its defaults are set by a blocking script")
                .contains("<script src=\"" + assets + "/consent-mode.js\"></script>");
        int config = lesson.body().indexOf("consent4j-config");
        int consentMode = lesson.body().indexOf("consent-mode.js");
        assertThat(config)
                .as("the configuration comes before the Consent Mode script, which comes before the banner's")
                .isLessThan(consentMode);
        assertThat(consentMode).isLessThan(lesson.body().indexOf("consent.js"));
    }

    // ---- talking to the site --------------------------------------------------------------------------------

    private Reply acceptAll() throws Exception {
        Reply reply = post("{\"action\":\"accept_all\"}", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply;
    }

    private List<ConsentRecord> records(String consentId) throws Exception {
        Reply reply = audit("/consents/" + consentId);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return parse(reply);
    }

    private static List<ConsentRecord> parse(Reply reply) {
        List<ConsentRecord> records = new ArrayList<>();
        for (JsonNode record : reply.json().path("records")) {
            records.add(RecordJson.parse(record.toString()));
        }
        return records;
    }

    private Reply audit(String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(uri("/consent-audit" + pathAndQuery))
                .header("Authorization", site().auditorAuthorization())
                .GET()
                .build());
    }

    private Reply get(String path, String cookie, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private Reply post(String json, String cookie, String... headers) throws Exception {
        return postTo("/consent", "application/json", json, cookie, headers);
    }

    private Reply postTo(String path, String contentType, String body, String cookie, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .header("Origin", site().origin())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private URI uri(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        if (query < 0) {
            return URI.create(site().origin() + pathAndQuery);
        }
        // Instants hold ':' and may hold '+'; encode every query value as a browser would.
        StringBuilder encoded = new StringBuilder(pathAndQuery.substring(0, query + 1));
        String[] pairs = pathAndQuery.substring(query + 1).split("&");
        for (int i = 0; i < pairs.length; i++) {
            int equals = pairs[i].indexOf('=');
            encoded.append(i == 0 ? "" : "&")
                    .append(pairs[i], 0, equals + 1)
                    .append(URLEncoder.encode(pairs[i].substring(equals + 1), StandardCharsets.UTF_8));
        }
        return URI.create(site().origin() + encoded);
    }

    private static Reply send(HttpRequest request) throws IOException, InterruptedException {
        return new Reply(HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    /** A reply, with what the scenarios read from it. */
    private record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(response.body());
        }

        /** The {@code Set-Cookie} header of {@code name}, or null. */
        String setCookie(String name) {
            return response.headers().allValues("Set-Cookie").stream()
                    .filter(h -> h.startsWith(name + "="))
                    .findFirst()
                    .orElse(null);
        }

        /** The consent cookie as a {@code Cookie} request header sends it. */
        String cookie() {
            String header = setCookie("consent4j");
            assertThat(header).as("the consent cookie is set").isNotNull();
            return header.substring(0, header.indexOf(';'));
        }

        String consentId() {
            return json().path("state").path("consentId").stringValue();
        }
    }
}
