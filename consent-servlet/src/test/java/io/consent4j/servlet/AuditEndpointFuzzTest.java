/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.consent4j.core.ChoiceContext;
import io.consent4j.core.ConsentChoice;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.AccountReferences;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerExport;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.signing.ReceiptSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzz tests for the auditor endpoint behind the filter, driven in-process through {@link FakeRequest}
 * and {@link FakeResponse}. Whatever path, query and headers a request has, it is answered without an
 * exception and without a 5xx; without a configured auditor token it gets 401 or 403, never data (C25);
 * and what an auditor gets is well-formed: JSON that parses, NDJSON whose every line parses and whose
 * records hash to what they claim, CSV with the documented columns and a trailer, spreadsheet formulas
 * defused. The ledger is intact, so every verification of any range must come out ok (C24).
 *
 * <p>An input is the text of a request, as {@link FakeRequest#parse} reads it, such as
 *
 * <pre>
 * GET /consent-audit/export?from=2026-03-01&amp;to=2026-03-04&amp;format=csv
 * Authorization: Bearer {token}
 * </pre>
 *
 * <p>Placeholders stand for what no fuzzer guesses: {@code {token}} and {@code {second-token}} for the two
 * configured auditor tokens, {@code {consent}} for a consent id with records, {@code {account}} for an
 * account reference with records and {@code {policy}} for the archived policy's hash. The ledger holds
 * half a year of choices, implied records and checkpoints, written once; the endpoint only reads.
 * {@code ./mvnw verify} runs the target on its committed seeds under
 * {@code src/test/resources/io/consent4j/servlet/AuditEndpointFuzzTestInputs/<method>/};
 * {@code benchmarks/fuzz.sh} runs a real fuzzing session. Which status a bad parameter gets is
 * {@link AuditEndpointIT}'s business, not this test's.
 */
class AuditEndpointFuzzTest {

    private static final ConsentPolicy POLICY = Fixtures.POLICY;
    private static final String TOKEN = "auditor-token-for-fuzzing";
    private static final String SECOND_TOKEN = "second auditor token";
    private static final String REMOTE_ADDRESS = "198.51.100.23";
    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("receipts-fuzz");
    private static final AccountReferences ACCOUNTS = new AccountReferences(Fixtures.secret());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Site.MutableClock CLOCK = new Site.MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private static final InMemoryConsentLedger LEDGER = new InMemoryConsentLedger(LedgerSettings.builder(SIGNER)
            .chainId("node-1")
            .clock(CLOCK)
            .checkpointEvery(3)
            .build());

    private static final Map<String, String> PLACEHOLDERS = new LinkedHashMap<>();

    static {
        PLACEHOLDERS.put("{token}", TOKEN);
        PLACEHOLDERS.put("{second-token}", SECOND_TOKEN);
        PLACEHOLDERS.put("{consent}", record());
        PLACEHOLDERS.put("{account}", ACCOUNTS.of("student-42"));
        PLACEHOLDERS.put("{policy}", POLICY.contentHash());
    }

    private static final ConsentFilter FILTER = ConsentFilter.of(Fixtures.decider());

    private static final AuditEndpoint ENDPOINT = AuditEndpoint.builder(LEDGER, SIGNER)
            .tokenHash(AuditEndpoint.hashToken(TOKEN))
            .tokenHash(AuditEndpoint.hashToken(SECOND_TOKEN))
            .clock(Clock.fixed(Instant.parse("2026-10-01T00:00:00Z"), ZoneOffset.UTC))
            .build();

    /**
     * Any request to the auditor endpoint: nothing escapes, nothing is a 5xx; without a valid bearer
     * token only 401 (with a Bearer challenge) or 403; with one, every 2xx answer is well-formed for its
     * content type, and verifications and exports of the intact ledger report ok.
     */
    @FuzzTest
    @DictionaryEntries({
        "GET /consent-audit/",
        "consents/",
        "accounts/",
        "policies/",
        "export",
        "verify",
        "stats",
        "jwk",
        "?from=",
        "&to=",
        "&format=csv",
        "&format=ndjson",
        "&limit=",
        "2026-03-01",
        "2026-03-02T23:59:59.999Z",
        "2026-04-10T00:00:00+02:00",
        "Authorization: Bearer ",
        "Authorization: Basic ",
        "{token}",
        "{second-token}",
        "{consent}",
        "{account}",
        "{policy}",
        "%2F",
        "%00",
        "+"
    })
    void auditorRequestIsAuthorizedAndWellFormed(byte[] input) throws Exception {
        Optional<FakeRequest> parsed =
                FakeRequest.parse(FakeRequest.fill(input, PLACEHOLDERS), AuditEndpoint.DEFAULT_PATH, REMOTE_ADDRESS);
        if (parsed.isEmpty()) {
            return;
        }
        FakeRequest request = parsed.get();
        FakeResponse response = new FakeResponse();
        FILTER.doFilter(request, response, ENDPOINT::service);

        int status = response.getStatus();
        String exchange = request + " -> " + status + " " + response.text();
        assertThat(status).as(exchange).isBetween(200, 499);
        for (String name : response.getHeaderNames()) {
            for (String value : response.headers(name)) {
                assertThat(value.chars().noneMatch(c -> c < 0x20 || c == 0x7f))
                        .as("%s: header %s: %s", exchange, name, value)
                        .isTrue();
            }
        }
        if (!authorized(request.getHeader("Authorization"))) {
            assertThat(status).as(exchange).isIn(401, 403);
            if (status == 401) {
                assertThat(response.getHeader("WWW-Authenticate")).as(exchange).startsWith("Bearer ");
            }
        }
        if (status >= 300) {
            assertThat(response.getContentType()).as(exchange).isEqualTo("application/problem+json");
            assertThat(json(response.text(), exchange).path("status").asInt())
                    .as(exchange)
                    .isEqualTo(status);
            return;
        }
        assertThat(request.getMethod()).as(exchange).isEqualTo("GET");
        String[] path = (request.getPathInfo() == null ? "/" : request.getPathInfo())
                .substring(1)
                .split("/", -1);
        String type = response.getContentType();
        if (type.startsWith("text/csv")) {
            checkCsv(response, exchange);
        } else if (type.startsWith("application/x-ndjson")) {
            checkNdjson(response, exchange);
        } else {
            assertThat(type).as(exchange).isIn("application/json", "application/jwk+json");
            checkJson(path, json(response.text(), exchange), exchange);
        }
    }

    /** Whether {@code authorization} carries one of the configured tokens. */
    private static boolean authorized(String authorization) {
        if (authorization == null || authorization.length() < 7) {
            return false;
        }
        String scheme = authorization.substring(0, 7);
        String credential = authorization.substring(7).strip();
        return scheme.equalsIgnoreCase("Bearer ") && (credential.equals(TOKEN) || credential.equals(SECOND_TOKEN));
    }

    private static void checkJson(String[] path, JsonNode body, String exchange) {
        switch (path[0]) {
            case "consents", "accounts" -> {
                JsonNode records = body.path("records");
                assertThat(body.path("count").asInt()).as(exchange).isEqualTo(records.size());
                String field = path[0].equals("consents") ? "consentId" : "accountRef";
                for (JsonNode record : records) {
                    assertThat(record.path(field).asString()).as(exchange).isEqualTo(path[1]);
                    checkHash(record, exchange);
                }
            }
            case "verify" ->
                assertThat(body.path("verification").path("ok").asBoolean())
                        .as(exchange)
                        .isTrue();
            case "policies" ->
                assertThat(ConsentPolicy.fromJson(body.toString()).contentHash())
                        .as(exchange)
                        .isEqualTo(path[1]);
            case "jwk" -> assertThat(body.path("kty").asString()).as(exchange).isEqualTo("OKP");
            case "stats" -> {
                long total = 0;
                for (JsonNode day : body.path("days")) {
                    total += day.path("total").asLong();
                }
                assertThat(body.path("choices").asLong()).as(exchange).isBetween(0L, total);
            }
            default -> throw new AssertionError(exchange + ": a 2xx answer for a path the endpoint does not serve");
        }
    }

    /**
     * The header, the anchor lines, one JSON record per line, the carried purge record, then the checkpoint
     * lines, in that order; as many records as the verification counted.
     */
    private static void checkNdjson(FakeResponse response, String exchange) {
        assertThat(response.getHeader("Consent-Verification")).as(exchange).isEqualTo("ok");
        String text = response.text();
        assertThat(text).as(exchange).endsWith("\n");
        List<String> lines = text.lines().toList();
        assertThat(LedgerExport.Scope.parseHeader(lines.get(0))).as(exchange).isNotNull();
        List<String> kinds = List.of("anchor", "record", "purge", "checkpoint");
        int stage = 0;
        long records = 0;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode node = json(line, exchange);
            assertThat(node.isObject()).as(exchange).isTrue();
            String kind = node.has("anchor")
                    ? "anchor"
                    : node.has("purge") ? "purge" : node.has("checkpoint") ? "checkpoint" : "record";
            assertThat(kinds.indexOf(kind))
                    .as("%s: %s line out of order", exchange, kind)
                    .isGreaterThanOrEqualTo(stage);
            stage = kinds.indexOf(kind);
            switch (kind) {
                case "checkpoint" ->
                    assertThat(node.path("checkpoint").asString()).as(exchange).isNotEmpty();
                case "record" -> {
                    checkHash(node, exchange);
                    records++;
                }
                default -> assertThat(node.path(kind).isObject()).as(exchange).isTrue();
            }
        }
        assertThat(records).as(exchange).isEqualTo(Long.parseLong(response.getHeader("Consent-Verification-Records")));
    }

    /** RFC 4180: the header row, one row of every column per record, and the verification trailer. */
    private static void checkCsv(FakeResponse response, String exchange) {
        assertThat(response.getHeader("Consent-Verification")).as(exchange).isEqualTo("ok");
        String text = response.text();
        assertThat(text).as(exchange).endsWith("\r\n");
        List<List<String>> rows = csv(text, exchange);
        assertThat(rows.get(0)).as(exchange).isEqualTo(AuditExport.CSV_COLUMNS);
        List<String> trailer = rows.get(rows.size() - 1);
        assertThat(trailer.get(0)).as(exchange).isEqualTo("#verification");
        assertThat(trailer.get(1)).as(exchange).isEqualTo("ok");
        List<List<String>> records = rows.subList(1, rows.size() - 1);
        assertThat(trailer.get(2)).as(exchange).isEqualTo("records=" + records.size());
        assertThat((long) records.size())
                .as(exchange)
                .isEqualTo(Long.parseLong(response.getHeader("Consent-Verification-Records")));
        for (List<String> row : records) {
            assertThat(row).as(exchange).hasSize(AuditExport.CSV_COLUMNS.size());
            for (String cell : row) {
                // A spreadsheet would run a cell starting like this as a formula.
                assertThat(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0)
                        .as("%s: cell %s", exchange, cell)
                        .isFalse();
            }
        }
    }

    /** The rows of {@code text}, each line ending in CRLF, fields quoted where needed. */
    private static List<List<String>> csv(String text, String exchange) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertThat(field.length())
                        .as("%s: a quote inside an unquoted field", exchange)
                        .isZero();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertThat(text.charAt(i + 1)).as("%s: a bare CR", exchange).isEqualTo('\n');
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("%s: a bare LF", exchange).isNotEqualTo('\n');
                field.append(c);
            }
        }
        assertThat(quoted).as("%s: an unclosed quote", exchange).isFalse();
        return rows;
    }

    /** A record line hashes to the hash it carries, so it is the record the ledger stored. */
    private static void checkHash(JsonNode record, String exchange) {
        assertThat(RecordJson.hash(record.path("previousHash").asString(), RecordJson.canonicalBodyOfLine(record)))
                .as(exchange)
                .isEqualTo(record.path("hash").asString());
    }

    private static JsonNode json(String text, String exchange) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new AssertionError(exchange + ": not JSON", e);
        }
    }

    /**
     * Writes half a year of a learning site's consent: choices of every kind from several visitors, one
     * signed in, with paths that need CSV quoting or look like formulas, records on both sides of a
     * midnight, a GPC signal that denied a grant, and a visitor who came back after their consent
     * expired; a checkpoint every three records and at the end.
     *
     * @return the consent id of the signed-in visitor
     */
    private static String record() {
        ConsentManager manager = ConsentManager.builder(POLICY, Fixtures.CODEC, LEDGER, SIGNER)
                .clock(CLOCK)
                .build();
        String account = ACCOUNTS.of("student-42");
        String student =
                choose(manager, null, ConsentChoice.acceptAll(), "/kurse/java", RequestSignals.NONE, account, "de");
        String guest =
                choose(manager, null, ConsentChoice.rejectAll(), "/suche,\"java\"", RequestSignals.NONE, null, "en");
        CLOCK.advance(Duration.ofHours(15).plusMinutes(38).plusSeconds(59).plusMillis(999));
        student = choose(
                manager,
                student,
                ConsentChoice.custom(Set.of("analytics"), Set.of("matomo")),
                "=HYPERLINK(\"https://evil.example\")",
                RequestSignals.NONE,
                account,
                "de");
        // Exactly midnight: the first record of 2026-03-02.
        CLOCK.advance(Duration.ofMillis(1).minusMinutes(7));
        String marketing = choose(
                manager,
                null,
                ConsentChoice.custom(Set.of("marketing"), Set.of()),
                "-1+1@x",
                RequestSignals.NONE,
                null,
                "de");
        guest = choose(manager, guest, ConsentChoice.grantService("video"), "/videos", RequestSignals.NONE, null, "en");
        CLOCK.advance(Duration.ofDays(2));
        implied(manager, marketing, RequestSignals.fromHeaders("1", null), null);
        choose(manager, guest, ConsentChoice.withdraw(), "/datenschutz", RequestSignals.NONE, null, "en");
        CLOCK.advance(Duration.ofDays(37));
        choose(manager, null, ConsentChoice.acceptAll(), "/", RequestSignals.fromHeaders(null, "1"), null, "de");
        CLOCK.advance(Duration.ofDays(150));
        implied(manager, student, RequestSignals.NONE, account);
        LEDGER.checkpoint();
        return manager.decider().read(student).consent().id().toString();
    }

    /** Records what a request with {@code cookie} implies by itself: a signal applied, an expiry. */
    private static void implied(ConsentManager manager, String cookie, RequestSignals signals, String account) {
        CLOCK.advance(Duration.ofMinutes(3));
        ChoiceContext context = new ChoiceContext(
                cookie, signals, CollectionPoint.SYSTEM, Actor.SYSTEM, "de", "/", "Browser", REMOTE_ADDRESS, account);
        assertThat(manager.recordImplied(manager.decide(cookie, signals), context))
                .isPresent();
    }

    /** Records a choice; returns the cookie value it sets. */
    private static String choose(
            ConsentManager manager,
            String cookie,
            ConsentChoice choice,
            String path,
            RequestSignals signals,
            String account,
            String locale) {
        ChoiceContext context = new ChoiceContext(
                cookie,
                signals,
                CollectionPoint.FIRST_LAYER,
                Actor.VISITOR,
                locale,
                path,
                "Mozilla/5.0 (X11; Linux x86_64)",
                REMOTE_ADDRESS,
                account);
        CLOCK.advance(Duration.ofMinutes(7));
        return manager.record(choice, context).cookieValue();
    }
}
