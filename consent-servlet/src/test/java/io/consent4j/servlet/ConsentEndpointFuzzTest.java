/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.StoredRecord;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.Service;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.DecodedCookie;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzz tests for the visitor endpoint behind the filter, as {@link ConsentServletSetup} installs them,
 * driven in-process through {@link FakeRequest} and {@link FakeResponse}. Whatever a browser or a script
 * sends (any method, path, query, content type, headers and body) is answered without an exception and
 * without a 5xx, and garbage never grants consent: only a choice the endpoint accepted (200 for JSON,
 * 303 for the form) sets the consent cookie and appends a record, and both grant exactly what the choice
 * named (C1, C3, C8, C21). A 303 goes back to a path on this site only (C9).
 *
 * <p>An input is the text of a request, as {@link FakeRequest#parse} reads it, such as
 *
 * <pre>
 * POST /consent
 * Content-Type: application/x-www-form-urlencoded
 * Cookie: consent4j={analytics}
 *
 * action=save&amp;category=marketing&amp;return=/courses
 * </pre>
 *
 * <p>Placeholders such as {@code {analytics}} stand for genuine cookie values, which no fuzzer can forge
 * (see {@link #GENUINE}). The site's ledger starts with a record of each recorded placeholder's
 * consent, so that receipts and histories can be found; the filter, clock and keys are fixed, and the
 * rate limit is off, so that an input's answer does not depend on the inputs before it. {@code ./mvnw verify} runs the target on its committed seeds under
 * {@code src/test/resources/io/consent4j/servlet/ConsentEndpointFuzzTestInputs/<method>/};
 * {@code benchmarks/fuzz.sh} runs a real fuzzing session. Which status a bad request gets is
 * {@link ConsentEndpointIT}'s business, not this test's.
 */
class ConsentEndpointFuzzTest {

    /** The site's policy after one revision, so that consents of {@link Fixtures#POLICY} are outdated. */
    private static final ConsentPolicy POLICY =
            Fixtures.POLICY.toBuilder().version(2).build();

    private static final Instant NOW = Fixtures.NOW;
    private static final String COOKIE = ConsentFilterSettings.DEFAULT_COOKIE_NAME;
    private static final String REMOTE_ADDRESS = "203.0.113.7";
    private static final ReceiptSigner SIGNER = ReceiptSigner.generate("receipts-fuzz");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Children are those who come from the site's children's area. */
    private static final AgeBandResolver AGE_BANDS = request -> {
        String referer = request.getHeader("Referer");
        return referer != null && referer.contains("/kids/") ? AgeBand.UNDER_16 : AgeBand.UNSPECIFIED;
    };

    private static final ConsentFilter FILTER = ConsentFilter.of(
            ConsentDecider.builder(POLICY, Fixtures.CODEC).clock(Fixtures.CLOCK).build(),
            ConsentFilterSettings.builder().ageBandResolver(AGE_BANDS).build());

    /** A genuine consent cookie of the site, and whether it is in time and has records in the ledger. */
    private record Genuine(Consent consent, String value, boolean timely, boolean recorded) {

        /** Whether the cookie counts for this request: in time, for this policy, and not a child's alone. */
        boolean counts() {
            return timely
                    && consent.policyVersion() == POLICY.version()
                    && (!consent.ageBand().needsParentalConsent() || consent.parentalConsent());
        }
    }

    /**
     * The genuine cookies, by the placeholder that stands for them in inputs: everything accepted, a
     * refusal, analytics with matomo, marketing (which GPC and DNT deny), a child's functional grant
     * without a parent, a consent without records, one expired, one issued in the future beyond the clock
     * skew, and one for the previous policy version. {@code {foreign}} is signed with a key the site does
     * not have, so it is no genuine cookie.
     */
    private static final Map<String, Genuine> GENUINE = new LinkedHashMap<>();

    private static final Map<String, String> PLACEHOLDERS = new LinkedHashMap<>();

    static {
        Set<String> all = Set.of("video", "matomo", "ga", "newsletter", "adnet");
        genuine(
                "{accepted}",
                1,
                Set.of("functional", "analytics", "marketing"),
                all,
                1,
                181,
                AgeBand.UNSPECIFIED,
                true);
        genuine("{refused}", 2, Set.of(), Set.of(), 2, 180, AgeBand.UNSPECIFIED, true);
        genuine("{analytics}", 3, Set.of("analytics"), Set.of("matomo"), 3, 179, AgeBand.UNSPECIFIED, true);
        genuine(
                "{marketing}",
                4,
                Set.of("marketing"),
                Set.of("newsletter", "adnet"),
                4,
                178,
                AgeBand.UNSPECIFIED,
                true);
        genuine("{child}", 5, Set.of("functional"), Set.of("video"), 5, 177, AgeBand.UNDER_16, true);
        genuine("{unrecorded}", 6, Set.of("functional"), Set.of("video"), 6, 176, AgeBand.UNSPECIFIED, false);
        genuine("{expired}", 7, Set.of("analytics"), Set.of("ga"), 200, -18, AgeBand.UNSPECIFIED, true);
        genuine("{future}", 8, Set.of("analytics"), Set.of("ga"), -2, 180, AgeBand.UNSPECIFIED, false);
        Consent outdated = consent(9, Set.of("functional"), Set.of("video"), 9, 173, AgeBand.UNSPECIFIED, 1);
        String value = Fixtures.CODEC.encode(outdated, Fixtures.POLICY);
        GENUINE.put("{outdated}", new Genuine(outdated, value, true, false));
        PLACEHOLDERS.put("{outdated}", value);
        byte[] otherSecret = Fixtures.secret();
        otherSecret[0] ^= 1;
        CookieConsentCodec foreign = new CookieConsentCodec(SigningKeys.of(SigningKey.of("test1", otherSecret)));
        PLACEHOLDERS.put("{foreign}", foreign.encode(GENUINE.get("{accepted}").consent(), POLICY));
    }

    /** The records of the genuine consents that have records, as every fresh site's ledger starts. */
    private static final List<ConsentRecord> HISTORY = history();

    private static Site site = new Site();

    /**
     * Any request to the visitor endpoint: nothing escapes, nothing is a 5xx, and only an accepted choice
     * sets the consent cookie and appends a record, both granting exactly the categories and services the
     * choice named: all for accept_all, none for reject_all and withdraw, the named ones for custom and
     * save (a category named without any of its services brings all of them), and the one service on
     * top of the carried consent for grant_service. A 303 goes to a same-origin path. A state, receipt or
     * history answer never shows more than the request's genuine cookie carries.
     */
    @FuzzTest
    @DictionaryEntries({
        "POST /consent",
        "GET /consent",
        "GET /consent/receipt",
        "GET /consent/history",
        "GET /consent/jwk",
        "?lang=de",
        "Content-Type: application/json",
        "Content-Type: application/x-www-form-urlencoded",
        "; charset=utf-8",
        "Origin: https://learn.example",
        "Sec-Fetch-Site: same-origin",
        "Sec-Fetch-Site: cross-site",
        "Accept-Language: de-DE,de;q=0.9,en;q=0.5",
        "Sec-GPC: 1",
        "DNT: 1",
        "Referer: https://learn.example/kids/course",
        "Cookie: consent4j=",
        "Cookie: yt_pref=1; _ga=GA1; nl_track=x",
        "Transfer-Encoding: chunked",
        "{accepted}",
        "{refused}",
        "{analytics}",
        "{marketing}",
        "{child}",
        "{unrecorded}",
        "{expired}",
        "{future}",
        "{outdated}",
        "{foreign}",
        "\"action\":",
        "\"categories\":[",
        "\"services\":[",
        "\"layer\":",
        "\"accept_all\"",
        "\"reject_all\"",
        "\"custom\"",
        "\"grant_service\"",
        "\"withdraw\"",
        "\"settings\"",
        "\"embed_placeholder\"",
        "\"api\"",
        "\"first_layer\"",
        "action=save",
        "action=accept_all",
        "action=withdraw",
        "&category=",
        "&service=",
        "&return=",
        "necessary",
        "functional",
        "analytics",
        "marketing",
        "platform",
        "video",
        "matomo",
        "newsletter",
        "adnet",
        "%2F",
        "%5C",
        "%0D%0A",
        "//evil.example",
        "https://evil.example"
    })
    void visitorRequestGrantsNoMoreThanItChose(byte[] input) throws Exception {
        Optional<FakeRequest> parsed =
                FakeRequest.parse(FakeRequest.fill(input, PLACEHOLDERS), ConsentEndpoint.DEFAULT_PATH, REMOTE_ADDRESS);
        if (parsed.isEmpty()) {
            return;
        }
        FakeRequest request = parsed.get();
        FakeResponse response = new FakeResponse();
        Site serving = site;
        int before = serving.ledger.appendedCount();
        try {
            FILTER.doFilter(request, response, (req, res) -> serving.endpoint.service(req, res));
        } finally {
            if (serving.ledger.appendedCount() >= Site.MAX_APPENDS) {
                serving.ledger.close();
                site = new Site();
            }
        }
        check(request, response, serving.ledger.appendedSince(before));
    }

    private static void check(FakeRequest request, FakeResponse response, List<ConsentRecord> appended) {
        int status = response.getStatus();
        String exchange = request + " -> " + status + " " + response.headers("Location") + " " + response.text();
        assertThat(status).as(exchange).isBetween(200, 499);
        List<String> consentCookies = new ArrayList<>();
        for (String header : response.headers(SetCookieHeader.NAME)) {
            if (header.startsWith(COOKIE + "=")) {
                consentCookies.add(header);
            } else {
                // The filter expires cookies of what was not granted; nothing else is set here.
                assertThat(header).as(exchange).contains("Max-Age=0");
            }
        }
        Genuine carried = carried(request);
        String sub = request.getPathInfo() == null ? "/" : request.getPathInfo();
        boolean choice = request.getMethod().equals("POST") && sub.equals("/");
        boolean accepted = choice && (status == 200 || status == 303);
        if (accepted) {
            checkChoice(request, response, appended, carried, consentCookies, exchange);
            return;
        }
        assertThat(consentCookies).as(exchange).isEmpty();
        assertThat(status / 100).as(exchange).isNotEqualTo(3);
        if (status >= 400) {
            JsonNode problem = json(response, exchange);
            assertThat(response.getContentType()).as(exchange).isEqualTo("application/problem+json");
            assertThat(problem.path("status").asInt()).as(exchange).isEqualTo(status);
            assertThat(appended).as(exchange).isEmpty();
            return;
        }
        assertThat(request.getMethod()).as(exchange).isEqualTo("GET");
        JsonNode body = json(response, exchange);
        switch (sub) {
            case "/" -> checkState(body, appended, carried, exchange);
            case "/receipt", "/history" -> {
                assertThat(appended).as(exchange).isEmpty();
                assertThat(carried).as(exchange).isNotNull();
                assertThat(carried.timely() || carried.consent().isExpiredAt(NOW))
                        .as(exchange)
                        .isTrue();
                assertThat(body.path("consentId").asString())
                        .as(exchange)
                        .isEqualTo(carried.consent().id().toString());
            }
            case "/jwk" -> {
                assertThat(appended).as(exchange).isEmpty();
                assertThat(body.path("kty").asString()).as(exchange).isEqualTo("OKP");
            }
            default -> fail("%s: a 2xx answer for a path the endpoint does not serve", exchange);
        }
    }

    /** The state shows no more than the carried cookie grants; an implied record only takes away. */
    private static void checkState(JsonNode body, List<ConsentRecord> appended, Genuine carried, String exchange) {
        JsonNode state = body.path("state");
        Set<String> categories = new TreeSet<>(POLICY.requiredCategoryIds());
        Set<String> services = new TreeSet<>(POLICY.requiredServiceIds());
        if (carried != null && carried.counts()) {
            categories.addAll(carried.consent().grantedCategories());
            services.addAll(carried.consent().grantedServices());
        }
        assertThat(strings(state.path("categories"))).as(exchange).isSubsetOf(categories);
        assertThat(strings(state.path("services"))).as(exchange).isSubsetOf(services);
        assertThat(appended).as(exchange).hasSizeLessThanOrEqualTo(1);
        if (!appended.isEmpty()) {
            ConsentRecord record = appended.get(0);
            assertThat(carried).as(exchange).isNotNull();
            assertThat(record.content().event()).as(exchange).isIn(ConsentEvent.EXPIRED, ConsentEvent.SIGNAL_APPLIED);
            assertThat(record.content().actor()).as(exchange).isEqualTo(Actor.SYSTEM);
            assertThat(record.content().consentId())
                    .as(exchange)
                    .isEqualTo(carried.consent().id());
            assertThat(record.content().grantedCategories()).as(exchange).isSubsetOf(categories);
            assertThat(record.content().grantedServices()).as(exchange).isSubsetOf(services);
        }
    }

    /** An accepted choice: one record and one cookie, both granting exactly what the choice named. */
    private static void checkChoice(
            FakeRequest request,
            FakeResponse response,
            List<ConsentRecord> appended,
            Genuine carried,
            List<String> consentCookies,
            String exchange) {
        boolean form = response.getStatus() == 303;
        String type = mediaType(request.getContentType());
        assertThat(type).as(exchange).isEqualTo(form ? "application/x-www-form-urlencoded" : "application/json");
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        assertThat(fetchSite == null || !fetchSite.strip().equalsIgnoreCase("cross-site"))
                .as(exchange)
                .isTrue();
        String origin = request.getHeader("Origin");
        assertThat(origin == null || sameOrigin(origin.strip()))
                .as("%s: accepted from origin %s", exchange, origin)
                .isTrue();

        Chosen chosen = form ? Chosen.fromForm(request.body(), exchange) : Chosen.fromJson(request.body(), exchange);
        Set<String> categories = new TreeSet<>();
        Set<String> services = new TreeSet<>(POLICY.requiredServiceIds());
        chosen.grants(carried, categories, services, exchange);

        assertThat(appended).as(exchange).hasSize(1);
        ConsentRecord record = appended.get(0);
        Set<String> recordedCategories = new TreeSet<>(categories);
        recordedCategories.addAll(POLICY.requiredCategoryIds());
        assertThat(record.content().grantedCategories()).as(exchange).isEqualTo(recordedCategories);
        assertThat(record.content().grantedServices()).as(exchange).isEqualTo(services);
        assertThat(record.content().actor()).as(exchange).isEqualTo(Actor.VISITOR);
        assertThat(record.content().event())
                .as(exchange)
                .isEqualTo(
                        chosen.action().equals("withdraw")
                                ? ConsentEvent.WITHDRAWN
                                : carried != null ? ConsentEvent.UPDATED : ConsentEvent.GIVEN);
        if (carried != null) {
            assertThat(record.content().consentId())
                    .as(exchange)
                    .isEqualTo(carried.consent().id());
        }
        if (form) {
            assertThat(record.content().collectionPoint()).as(exchange).isEqualTo(CollectionPoint.NO_SCRIPT_FORM);
        }

        assertThat(consentCookies).as(exchange).hasSize(1);
        String header = consentCookies.get(0);
        assertThat(header).as(exchange).contains("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Secure");
        String value = header.substring(COOKIE.length() + 1, header.indexOf(';'));
        DecodedCookie decoded = Fixtures.CODEC.decode(value, POLICY, NOW);
        assertThat(decoded.status()).as(exchange).isEqualTo(DecodedCookie.Status.VALID);
        assertThat(decoded.consent().id())
                .as(exchange)
                .isEqualTo(record.content().consentId());
        assertThat(decoded.consent().grantedCategories()).as(exchange).isEqualTo(categories);
        assertThat(decoded.consent().grantedServices()).as(exchange).isEqualTo(services);

        if (form) {
            checkLocation(response.headers("Location"), exchange);
        } else {
            JsonNode answer = json(response, exchange);
            assertThat(answer.path("state").path("consentId").asString())
                    .as(exchange)
                    .isEqualTo(record.content().consentId().toString());
            assertThat(answer.path("event").asString())
                    .as(exchange)
                    .isEqualTo(record.content().event().jsonName());
        }
    }

    /** A browser following {@code Location} stays on this site: a path, not {@code //host} in any spelling. */
    private static void checkLocation(List<String> locations, String exchange) {
        assertThat(locations).as(exchange).hasSize(1);
        String location = locations.get(0);
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            assertThat(c < 0x20 || c == 0x7f)
                    .as("%s: control character in Location", exchange)
                    .isFalse();
        }
        // Browsers read a backslash in a path as a slash.
        String seen = location.replace('\\', '/');
        assertThat(seen).as(exchange).startsWith("/").doesNotStartWith("//");
    }

    /** What a choice named, read from its body independently of the endpoint. */
    private record Chosen(String action, Set<String> categories, Set<String> services) {

        static Chosen fromJson(byte[] body, String exchange) {
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (JacksonException e) {
                throw new AssertionError(exchange + ": accepted a body that is not JSON", e);
            }
            assertThat(root.isObject()).as(exchange).isTrue();
            assertThat(root.path("action").isString()).as(exchange).isTrue();
            return new Chosen(
                    root.get("action").asString(),
                    ids(root.get("categories"), exchange),
                    ids(root.get("services"), exchange));
        }

        private static Set<String> ids(JsonNode node, String exchange) {
            Set<String> ids = new LinkedHashSet<>();
            if (node == null || node.isNull()) {
                return ids;
            }
            assertThat(node.isArray()).as(exchange).isTrue();
            for (JsonNode id : node.values()) {
                assertThat(id.isString()).as(exchange).isTrue();
                ids.add(id.asString());
            }
            return ids;
        }

        static Chosen fromForm(byte[] body, String exchange) {
            String action = null;
            Set<String> categories = new LinkedHashSet<>();
            Set<String> services = new LinkedHashSet<>();
            for (String field : new String(body, StandardCharsets.UTF_8).split("&")) {
                int eq = field.indexOf('=');
                if (field.isEmpty()) {
                    continue;
                }
                String name = URLDecoder.decode(eq < 0 ? field : field.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(field.substring(eq + 1), StandardCharsets.UTF_8);
                switch (name) {
                    case "action" -> action = value;
                    case "category" -> categories.add(value);
                    case "service" -> services.add(value);
                    default -> {
                        // The return path and a site's own fields choose nothing.
                    }
                }
            }
            assertThat(action).as(exchange).isNotNull();
            return new Chosen(action, categories, services);
        }

        /** Adds what this choice grants, on top of {@code carried} for a single service. */
        void grants(Genuine carried, Set<String> grantedCategories, Set<String> grantedServices, String exchange) {
            if (!action.equals("accept_all") && !action.equals("reject_all") && !action.equals("withdraw")) {
                // Those buttons ignore the toggles, which the no-script form sends along with every button.
                for (String id : categories) {
                    assertThat(POLICY.category(id))
                            .as("%s: unknown category accepted", exchange)
                            .isPresent();
                }
                for (String id : services) {
                    assertThat(POLICY.service(id))
                            .as("%s: unknown service accepted", exchange)
                            .isPresent();
                }
            }
            switch (action) {
                case "accept_all" -> {
                    POLICY.categories().stream().filter(c -> !c.required()).forEach(c -> grantedCategories.add(c.id()));
                    POLICY.services().forEach(s -> grantedServices.add(s.id()));
                }
                case "reject_all", "withdraw" -> {
                    // Nothing optional.
                }
                case "custom", "save" -> {
                    for (String id : categories) {
                        Category category = POLICY.category(id).orElseThrow();
                        if (category.required()) {
                            continue;
                        }
                        grantedCategories.add(id);
                        List<Service> inCategory = POLICY.servicesOf(id);
                        if (inCategory.stream().noneMatch(s -> services.contains(s.id()))) {
                            inCategory.forEach(s -> grantedServices.add(s.id()));
                        }
                    }
                    grantedServices.addAll(services);
                }
                case "grant_service" -> {
                    assertThat(services).as(exchange).hasSize(1);
                    if (carried != null && carried.timely() && carried.consent().policyVersion() == POLICY.version()) {
                        grantedCategories.addAll(carried.consent().grantedCategories());
                        grantedServices.addAll(carried.consent().grantedServices());
                    }
                    grantedServices.addAll(services);
                }
                default -> fail("%s: accepted the unknown action '%s'", exchange, action);
            }
        }
    }

    /** The genuine cookie the request carries: the first non-empty consent cookie, if it is genuine. */
    private static Genuine carried(FakeRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(COOKIE) && !cookie.getValue().isEmpty()) {
                return GENUINE.values().stream()
                        .filter(g -> g.value().equals(cookie.getValue()))
                        .findFirst()
                        .orElse(null);
            }
        }
        return null;
    }

    private static boolean sameOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return uri.getHost().equalsIgnoreCase(FakeRequest.HOST) && port == FakeRequest.PORT;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static JsonNode json(FakeResponse response, String exchange) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new AssertionError(exchange + ": the answer is not JSON", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.values().forEach(v -> values.add(v.asString()));
        return values;
    }

    // ---- the site ---------------------------------------------------------------------------------------------

    /**
     * A fresh ledger, manager and endpoint, as {@link ConsentServletSetup} installs them. A site serves
     * inputs until its ledger holds {@link #MAX_APPENDS} new records; closing a ledger signs a checkpoint,
     * which would cost more than the input itself if done after each. Nothing the test checks depends on
     * what earlier inputs recorded.
     */
    private static final class Site {
        static final int MAX_APPENDS = 64;

        final RecordingLedger ledger = RecordingLedger.startingWith(HISTORY);
        final ConsentEndpoint endpoint;

        Site() {
            ConsentManager manager = ConsentManager.builder(POLICY, Fixtures.CODEC, ledger, SIGNER)
                    .clock(Fixtures.CLOCK)
                    .build();
            // No rate limit: an input's answer must not depend on the inputs before it.
            endpoint = ConsentEndpoint.builder(manager)
                    .rateLimit(Integer.MAX_VALUE, Duration.ofDays(1), 16)
                    .ageBandResolver(AGE_BANDS)
                    .build();
        }
    }

    /** An in-memory ledger that starts with given records and keeps what is appended to it. */
    private static final class RecordingLedger extends InMemoryConsentLedger {
        private final List<ConsentRecord> appended = new ArrayList<>();

        private RecordingLedger() {
            super(ledgerSettings());
        }

        static RecordingLedger startingWith(List<ConsentRecord> records) {
            RecordingLedger ledger = new RecordingLedger();
            // Inserted as a store would load them, without the cost of appending and signing each time.
            ledger.insert(records, records.stream().map(StoredRecord::of).toList());
            return ledger;
        }

        @Override
        public ConsentRecord append(RecordContent draft) {
            ConsentRecord record = super.append(draft);
            synchronized (appended) {
                appended.add(record);
            }
            return record;
        }

        int appendedCount() {
            synchronized (appended) {
                return appended.size();
            }
        }

        /** The records appended after the first {@code count}. */
        List<ConsentRecord> appendedSince(int count) {
            synchronized (appended) {
                return List.copyOf(appended.subList(count, appended.size()));
            }
        }
    }

    private static LedgerSettings ledgerSettings() {
        return LedgerSettings.builder(SIGNER)
                .chainId("node-1")
                .clock(Fixtures.CLOCK)
                .build();
    }

    private static List<ConsentRecord> history() {
        try (InMemoryConsentLedger ledger = new InMemoryConsentLedger(ledgerSettings())) {
            ledger.archive(POLICY);
            for (Genuine genuine : GENUINE.values()) {
                if (genuine.recorded()) {
                    ledger.append(RecordContent.builder(POLICY, ConsentEvent.GIVEN)
                            .consentId(genuine.consent().id())
                            .method(ConsentMethod.CUSTOM)
                            .collectionPoint(CollectionPoint.FIRST_LAYER)
                            .granted(
                                    genuine.consent().grantedCategories(),
                                    genuine.consent().grantedServices())
                            .build());
                }
            }
            try (Stream<ConsentRecord> records = ledger.stream(Instant.EPOCH, NOW.plus(Duration.ofDays(1)))) {
                return records.toList();
            }
        }
    }

    private static void genuine(
            String placeholder,
            int id,
            Set<String> categories,
            Set<String> services,
            int issuedDaysAgo,
            int expiresInDays,
            AgeBand ageBand,
            boolean recorded) {
        Consent consent = consent(id, categories, services, issuedDaysAgo, expiresInDays, ageBand, POLICY.version());
        String value = Fixtures.CODEC.encode(consent, POLICY);
        GENUINE.put(placeholder, new Genuine(consent, value, issuedDaysAgo >= 0 && expiresInDays > 0, recorded));
        PLACEHOLDERS.put(placeholder, value);
    }

    private static Consent consent(
            int id,
            Set<String> categories,
            Set<String> services,
            int issuedDaysAgo,
            int expiresInDays,
            AgeBand ageBand,
            int policyVersion) {
        Set<String> granted = new TreeSet<>(services);
        granted.addAll(POLICY.requiredServiceIds());
        return new Consent(
                new ConsentId(0x5eed_0000_0000_0000L, id),
                policyVersion,
                categories,
                granted,
                NOW.minus(Duration.ofDays(issuedDaysAgo)),
                NOW.plus(Duration.ofDays(expiresInDays)),
                false,
                ageBand,
                false);
    }
}
