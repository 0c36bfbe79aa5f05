/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ChoiceContext;
import io.consent4j.core.ChoiceResult;
import io.consent4j.core.ConsentChoice;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.ParentalConsents;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.LedgerException;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.AgeBand;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.DecodedCookie;
import io.consent4j.core.token.ParentalLink;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The visitor endpoint's parental-consent pages (C28), below its path:
 *
 * <ul>
 *   <li>{@code POST PATH/parent-link}: the child's banner asks for a link. The child's consent id is that
 *       of their cookie; a child without a valid consent first gets one with nothing optional granted,
 *       marked as a minor's (recorded as the child's {@code reject_all}, so the id is in the ledger).
 *       The answer is {@code {"link","expiresAt","sent"}}; {@code sent} says whether the site's
 *       {@link ParentalLinkSender} sent it.
 *   <li>{@code GET PATH/parent?t=…}: the settings layer with parent wording, in the page's language,
 *       server-rendered so it works without script; {@code POST PATH/parent} (a form) records the parent's
 *       choice for the child's consent id: actor {@code parent}, event {@code parental_consent}. The
 *       parent's device gets no cookie.
 * </ul>
 *
 * <p>A forged or malformed link answers 400, an expired or used one 410, each with a short page and never
 * a grant. The pages are {@code no-store}, {@code noindex} and send their URL, which holds the token, to no other site.
 */
final class ParentalPages {

    private static final Logger LOG = LoggerFactory.getLogger(ParentalPages.class);

    /** How long a link counts unless set otherwise. */
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);

    private final ConsentManager manager;
    private final ConsentCookieHeader cookie;
    private final Duration lifetime;
    private final ParentalLinkSender sender;
    private final ParentalDelivery delivery;
    private final String assetsPath;

    ParentalPages(
            ConsentManager manager,
            ConsentCookieHeader cookie,
            Duration lifetime,
            ParentalLinkSender sender,
            ParentalDelivery delivery,
            String assetsPath) {
        this.manager = manager;
        this.assetsPath = assetsPath;
        this.cookie = cookie;
        this.lifetime = lifetime;
        this.sender = sender;
        this.delivery = delivery;
    }

    /** Serves {@code sub} ({@code /parent-link} or {@code /parent}); posts count against {@code limiter}. */
    void serve(
            String sub,
            String method,
            HttpServletRequest request,
            HttpServletResponse response,
            PostRateLimiter limiter)
            throws IOException {
        boolean link = sub.equals("/parent-link");
        if (method.equals("POST")) {
            SameOrigin.check(request);
            limiter.acquire(request.getRemoteAddr());
            if (link) {
                link(request, response);
            } else {
                choose(request, response);
            }
        } else if (method.equals("GET") && !link) {
            page(request, response);
        } else {
            throw Problem.methodNotAllowed(method, link ? "POST" : "GET, POST");
        }
    }

    /** {@code POST PATH/parent-link}. */
    private void link(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentId child = childConsent(request, response);
        ParentalLink link = manager.parental().issue(child, lifetime);
        String url = origin(request) + ConsentEndpoint.endpoint(request) + "/parent?t="
                + manager.parental().token(link);
        boolean sent = false;
        if (sender != null) {
            try {
                sent = sender.send(request, url);
            } catch (RuntimeException e) {
                LOG.warn("The site's parental link sender failed; the link is shown instead: {}", e.toString());
            }
        }
        response.setHeader("Cache-Control", "no-store");
        String contentType = request.getContentType();
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            // The banner's form without JavaScript: a page that shows the link and leads back.
            String locale = LocaleNegotiation.negotiate(request, manager.policy());
            BannerMarkup markup = undecided(request, locale);
            html(
                    response,
                    200,
                    ParentPageMarkup.linkPage(markup, url, request.getParameter("return"), stylesheet(request)));
            return;
        }
        ObjectNode answer = Problem.JSON.createObjectNode();
        answer.put("link", url);
        answer.put("expiresAt", link.expiresAt().toString());
        answer.put("sent", sent);
        JsonAnswer.write(response, 200, Problem.JSON.writeValueAsString(answer), "application/json");
    }

    /** The child's consent id; a child without a valid consent of this policy gets one, necessary only. */
    private ConsentId childConsent(HttpServletRequest request, HttpServletResponse response) {
        String cookie = RequestCookies.value(request, this.cookie.name());
        DecodedCookie read = manager.decider().read(cookie);
        Consent consent = read.consent();
        if (read.status() == DecodedCookie.Status.VALID
                && consent.policyVersion() == manager.policy().version()) {
            return consent.id();
        }
        RequestSignals signals = RequestSignals.fromHeaders(request.getHeader("Sec-GPC"), request.getHeader("DNT"))
                .withAgeBand(AgeBand.UNKNOWN);
        ChoiceContext context = new ChoiceContext(
                null,
                signals,
                CollectionPoint.FIRST_LAYER,
                Actor.VISITOR,
                LocaleNegotiation.negotiate(request, manager.policy()),
                null,
                request.getHeader("User-Agent"),
                request.getRemoteAddr(),
                null);
        ChoiceResult result;
        try {
            result = manager.record(ConsentChoice.rejectAll(), context);
        } catch (LedgerException | IllegalStateException e) {
            throw unavailable(e);
        }
        this.cookie.addTo(response, result, manager.decider().clock().instant());
        return result.consent().id();
    }

    /** {@code GET PATH/parent?t=…}: the parent's settings layer. */
    private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String locale = LocaleNegotiation.negotiate(request, manager.policy());
        Map<BannerText, String> t = manager.policy().texts(locale);
        Optional<ParentalLink> link = usable(request, response, t, locale);
        if (link.isPresent()) {
            BannerMarkup markup = undecided(request, locale);
            String form = ParentPageMarkup.choiceForm(
                    markup,
                    ConsentEndpoint.endpoint(request) + "/parent",
                    manager.parental().token(link.get()));
            write(request, response, 200, locale, t.get(BannerText.PARENT_TITLE), form);
        }
    }

    /** {@code POST PATH/parent}: the parent's choice. */
    private void choose(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String locale = LocaleNegotiation.negotiate(request, manager.policy());
        Map<BannerText, String> t = manager.policy().texts(locale);
        Optional<ParentalLink> link = usable(request, response, t, locale);
        if (link.isEmpty()) {
            return;
        }
        ConsentChoice choice = choice(request);
        ChoiceContext context = new ChoiceContext(
                null,
                RequestSignals.NONE,
                CollectionPoint.SETTINGS,
                Actor.PARENT,
                locale,
                ConsentEndpoint.endpoint(request) + "/parent",
                request.getHeader("User-Agent"),
                request.getRemoteAddr(),
                null);
        try {
            manager.parental().record(link.get(), choice, context);
        } catch (IllegalStateException e) {
            // Another request used the link a moment ago.
            write(
                    request,
                    response,
                    410,
                    locale,
                    t.get(BannerText.PARENT_TITLE),
                    "<p>" + NoScriptBanner.escape(t.get(BannerText.PARENT_LINK_USED)) + "</p>");
            return;
        } catch (LedgerException e) {
            throw unavailable(e);
        }
        delivery.chosen(link.get().consentId());
        write(
                request,
                response,
                200,
                locale,
                t.get(BannerText.PARENT_TITLE),
                "<p id=\"consent4j-parent-done\">" + NoScriptBanner.escape(t.get(BannerText.PARENT_DONE)) + "</p>");
    }

    /** The link of {@code token} when it may be used; otherwise writes the page that says why. */
    private Optional<ParentalLink> usable(
            HttpServletRequest request, HttpServletResponse response, Map<BannerText, String> t, String locale)
            throws IOException {
        Optional<ParentalLink> link = manager.parental().verify(request.getParameter("t"));
        if (link.isEmpty()) {
            write(
                    request,
                    response,
                    400,
                    locale,
                    t.get(BannerText.PARENT_TITLE),
                    "<p>" + NoScriptBanner.escape(t.get(BannerText.PARENT_LINK_INVALID)) + "</p>");
            return Optional.empty();
        }
        ParentalConsents.LinkState state = manager.parental().state(link.get());
        if (state != ParentalConsents.LinkState.VALID) {
            String text = state == ParentalConsents.LinkState.EXPIRED
                    ? t.get(BannerText.PARENT_LINK_EXPIRED)
                    : t.get(BannerText.PARENT_LINK_USED);
            write(
                    request,
                    response,
                    410,
                    locale,
                    t.get(BannerText.PARENT_TITLE),
                    "<p>" + NoScriptBanner.escape(text) + "</p>");
            return Optional.empty();
        }
        return link;
    }

    private ConsentChoice choice(HttpServletRequest request) {
        String action = request.getParameter("action");
        if ("accept_all".equals(action)) {
            return ConsentChoice.acceptAll();
        }
        if ("reject_all".equals(action)) {
            return ConsentChoice.rejectAll();
        }
        if (!"save".equals(action)) {
            throw Problem.badRequest("invalid-choice", "action must be accept_all, reject_all or save");
        }
        // C8: the categories and services the parent switched on, as shown, each checked against the policy.
        ConsentPolicy policy = manager.policy();
        Set<String> categories = known(
                request.getParameterValues("category"),
                id -> policy.category(id).isPresent(),
                "category");
        Set<String> services = known(
                request.getParameterValues("service"), id -> policy.service(id).isPresent(), "service");
        return ConsentChoice.custom(categories, services);
    }

    /** The settings layer's markup with nothing chosen yet: the link page's and the parent's. */
    private BannerMarkup undecided(HttpServletRequest request, String locale) {
        return new BannerMarkup(
                manager.policy(), locale, manager.decide(null, RequestSignals.NONE), ConsentEndpoint.endpoint(request));
    }

    private static Set<String> known(String[] values, Predicate<String> exists, String kind) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : values == null ? new String[0] : values) {
            if (!exists.test(id)) {
                throw Problem.badRequest("invalid-choice", "unknown " + kind + " '" + QuotedInput.abbreviate(id) + "'");
            }
            ids.add(id);
        }
        return ids;
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String locale,
            String title,
            String body)
            throws IOException {
        html(response, status, BannerMarkup.page(locale, title, stylesheet(request), "", body));
    }

    private static void html(HttpServletResponse response, int status, String page) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the form post.
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Robots-Tag", "noindex");
        response.getWriter().write(page);
    }

    private String stylesheet(HttpServletRequest request) {
        return request.getContextPath() + assetsPath + "/consent.css";
    }

    private static String origin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean standard = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (standard ? "" : ":" + port);
    }

    private static Problem unavailable(RuntimeException e) {
        LOG.error("A parental consent could not be recorded: {}", e.getMessage());
        return new Problem(
                        503,
                        "ledger-unavailable",
                        "Service unavailable",
                        "the choice could not be recorded, so nothing was saved; please try again")
                .header("Retry-After", "10");
    }
}
