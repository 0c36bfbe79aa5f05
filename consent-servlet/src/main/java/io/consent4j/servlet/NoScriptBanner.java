/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.ConsentState;
import io.consent4j.core.policy.ConsentPolicy;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Set;

/**
 * The banner's markup as the server renders it, so that it is part of the page's first paint and works
 * without JavaScript. Put {@link #html} at the start of {@code <body>}: for a visitor who has not chosen
 * it is the first layer, the same markup {@code consent.js} builds (the script finds it and enhances it),
 * whose "accept all", "reject all" and "settings" are equal buttons of one form posting to the visitor
 * endpoint (C4, C5, C9, C10); once the visitor has chosen it is empty. "Settings" leads, without
 * JavaScript, to the endpoint's settings page ({@code GET PATH/settings}), which shows the stored choice
 * and lets the visitor change or withdraw it (C6, C7, C8, C13, C14); {@link #settingsUrl} is the address
 * for the settings link on every page. {@link #withdrawControl} is a one-click withdrawal (C14). Texts come
 * from the policy in the page's language (C11); everything is HTML-escaped; no inline style or script, so
 * it works under a strict CSP.
 *
 * <p>In a JSP: {@code <body><%= NoScriptBanner.render(request) %>} once {@link ConsentServletSetup}
 * installed consent4j, or {@link #of} and {@link #html} otherwise; in Spring Boot, Thymeleaf's
 * {@code ${#consent.banner()}} writes the same.
 */
public final class NoScriptBanner {

    /** The servlet context attribute under which {@link ConsentServletSetup} stores the banner. */
    public static final String CONTEXT_ATTRIBUTE = NoScriptBanner.class.getName();

    private final ConsentPolicy policy;
    private final String endpointPath;
    /** Null for a banner that knows only the filter's decisions. */
    private final ConsentManager manager;

    private final String cookieName;

    private NoScriptBanner(ConsentPolicy policy, String endpointPath, ConsentManager manager, String cookieName) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.endpointPath = Objects.requireNonNull(endpointPath, "endpointPath");
        this.manager = manager;
        this.cookieName = cookieName;
    }

    /**
     * A banner for {@code policy} posting to the endpoint at {@code endpointPath} (below the context path).
     * It shows the visitor's choice on pages the filter decided; elsewhere every optional category shows
     * as off. Prefer {@link #of(ConsentManager, String, String)}.
     */
    public static NoScriptBanner of(ConsentPolicy policy, String endpointPath) {
        return new NoScriptBanner(policy, endpointPath, null, null);
    }

    /**
     * A banner for {@code manager}'s policy posting to the endpoint at {@code endpointPath} (below the
     * context path). On a page the filter did not see (outside its URL patterns), it reads the visitor's
     * choice from the consent cookie {@code cookieName} itself, so that the form never shows a granted
     * category as off and a "save" there cannot withdraw it by accident.
     */
    public static NoScriptBanner of(ConsentManager manager, String endpointPath, String cookieName) {
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(cookieName, "cookieName");
        return new NoScriptBanner(manager.policy(), endpointPath, manager, cookieName);
    }

    /**
     * The banner installed in the request's servlet context by {@link ConsentServletSetup}.
     *
     * @throws IllegalStateException when consent4j was not installed in that context
     */
    public static NoScriptBanner installed(HttpServletRequest request) {
        ServletContext context = request.getServletContext();
        if (!(context.getAttribute(CONTEXT_ATTRIBUTE) instanceof NoScriptBanner banner)) {
            throw new IllegalStateException(
                    "no NoScriptBanner in this servlet context; install consent4j with ConsentServletSetup first");
        }
        return banner;
    }

    /**
     * The banner installed in the request's servlet context by {@link ConsentServletSetup}, rendered for
     * {@code request} in its negotiated language.
     *
     * @throws IllegalStateException when consent4j was not installed in that context
     */
    public static String render(HttpServletRequest request) {
        return installed(request).html(request, null);
    }

    /** The first layer for {@code request} in its negotiated language, or nothing once the visitor chose. */
    public String html(HttpServletRequest request) {
        return html(request, null);
    }

    /**
     * The first layer for {@code request}, returning the visitor to the page they are on, or nothing once
     * the visitor chose.
     *
     * @param locale the page's language, or null to negotiate it
     */
    public String html(HttpServletRequest request, String locale) {
        return markup(request, locale).firstLayer(page(request));
    }

    /**
     * The one-click withdrawal control (C14), hidden while the visitor has granted nothing optional; the
     * script shows it once they do.
     *
     * @param locale the page's language, or null to negotiate it
     */
    public String withdrawControl(HttpServletRequest request, String locale) {
        return markup(request, locale).withdrawControl(page(request));
    }

    /**
     * The settings page's address for a visitor on this request's page: the {@code href} of the settings
     * link on every page (C13), which {@code consent.js} opens in place when it runs.
     *
     * @param locale the page's language, or null to negotiate it
     */
    public String settingsUrl(HttpServletRequest request, String locale) {
        return markup(request, locale).settingsUrl(page(request), null);
    }

    private BannerMarkup markup(HttpServletRequest request, String locale) {
        String language = locale == null || !policy.locales().contains(locale)
                ? LocaleNegotiation.negotiate(request, policy)
                : locale;
        ConsentDecision decision = manager == null
                ? ConsentRequests.decision(request).orElse(null)
                : ConsentRequests.decisionOrDecide(request, manager, cookieName);
        if (decision == null) {
            // A page the filter did not see, with no manager to decide: show the banner, grant nothing.
            decision = new ConsentDecision(ConsentState.UNDECIDED, Set.of(), Set.of(), true, Set.of(), null, Set.of());
        }
        return new BannerMarkup(policy, language, decision, request.getContextPath() + endpointPath);
    }

    private static String page(HttpServletRequest request) {
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String escape(String text) {
        return BannerMarkup.escape(text);
    }
}
