/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import io.consent4j.core.AgeBand;
import io.consent4j.core.ChoiceContext;
import io.consent4j.core.ChoiceResult;
import io.consent4j.core.ConsentChoice;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.policy.ConsentPolicy;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for consent-servlet's visitor endpoint, implementing its contract on the real {@link
 * ConsentManager}: {@code GET ?lang=} answers the policy in that language and the visitor's state;
 * {@code POST} with a JSON choice records it, sets the HttpOnly consent cookie and answers {@code
 * {"state":…,"receipt":…}}; bad requests get {@code application/problem+json}.
 */
final class TestConsentEndpoint extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The consent cookie's name, as consent-servlet's filter uses by default. */
    static final String COOKIE = "consent4j";

    /** A test-only request header that marks the visitor's age band, as a site's resolver would (C28). */
    static final String AGE_HEADER = "X-Test-Age-Band";

    private final transient ConsentManager manager;
    private final String path;

    TestConsentEndpoint(ConsentManager manager, String path) {
        this.manager = manager;
        this.path = path;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, 200, "application/json", document(manager, req, path, req.getParameter("lang")));
    }

    /** The GET document for {@code req}; pages embed the same one as a data block. */
    static ObjectNode document(ConsentManager manager, HttpServletRequest req, String endpoint, String lang) {
        ConsentPolicy policy = manager.policy();
        String locale = lang != null && policy.locales().contains(lang.toLowerCase(Locale.ROOT))
                ? lang.toLowerCase(Locale.ROOT)
                : policy.defaultLocale();
        return TestStateJson.document(policy, locale, manager.decide(cookie(req), signals(req)), endpoint);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problem(resp, 415, "send the choice as application/json");
            return;
        }
        ConsentChoice choice;
        CollectionPoint layer;
        try {
            JsonNode body = TestStateJson.JSON.readTree(req.getInputStream());
            Set<String> categories = strings(body.path("categories"));
            Set<String> services = strings(body.path("services"));
            choice = switch (body.path("action").asString("")) {
                case "accept_all" -> ConsentChoice.acceptAll();
                case "reject_all" -> ConsentChoice.rejectAll();
                case "custom" -> ConsentChoice.custom(categories, services);
                case "grant_service" -> new ConsentChoice(ConsentChoice.Kind.GRANT_SERVICE, Set.of(), services);
                case "withdraw" -> ConsentChoice.withdraw();
                default -> throw new IllegalArgumentException("unknown action '" + body.path("action") + "'");
            };
            layer = switch (body.path("layer").asString("first_layer")) {
                case "first_layer" -> CollectionPoint.FIRST_LAYER;
                case "settings" -> CollectionPoint.SETTINGS;
                case "embed_placeholder" -> CollectionPoint.EMBED_PLACEHOLDER;
                default -> throw new IllegalArgumentException("unknown layer '" + body.path("layer") + "'");
            };
        } catch (JacksonException | IllegalArgumentException e) {
            problem(resp, 400, e.getMessage());
            return;
        }
        RequestSignals signals = signals(req);
        ChoiceContext context = new ChoiceContext(
                cookie(req),
                signals,
                layer,
                Actor.VISITOR,
                null,
                "/",
                req.getHeader("User-Agent"),
                req.getRemoteAddr(),
                null);
        ChoiceResult result;
        try {
            result = manager.record(choice, context);
        } catch (IllegalArgumentException e) {
            problem(resp, 400, e.getMessage());
            return;
        }
        Cookie cookie = new Cookie(COOKIE, result.cookieValue());
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge(60 * 60 * 24 * 180);
        cookie.setAttribute("SameSite", "Lax");
        resp.addCookie(cookie);
        ObjectNode answer = TestStateJson.JSON.createObjectNode();
        answer.set("state", TestStateJson.state(manager.policy(), result.decision(), path));
        answer.put("receipt", path + "/receipt");
        write(resp, 200, "application/json", answer);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (!array.isMissingNode() && !array.isArray()) {
            throw new IllegalArgumentException("expected an array of ids, got " + array);
        }
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    static String cookie(HttpServletRequest req) {
        if (req.getCookies() == null) {
            return null;
        }
        for (Cookie c : req.getCookies()) {
            if (c.getName().equals(COOKIE)) {
                return c.getValue();
            }
        }
        return null;
    }

    static RequestSignals signals(HttpServletRequest req) {
        RequestSignals signals = RequestSignals.fromHeaders(req.getHeader("Sec-GPC"), req.getHeader("DNT"));
        String band = req.getHeader(AGE_HEADER);
        return band == null ? signals : signals.withAgeBand(AgeBand.valueOf(band));
    }

    private static void problem(HttpServletResponse resp, int status, String detail) throws IOException {
        ObjectNode problem = TestStateJson.JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("status", status);
        problem.put("detail", detail);
        write(resp, status, "application/problem+json", problem);
    }

    private static void write(HttpServletResponse resp, int status, String type, JsonNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(TestStateJson.JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }
}
