/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * What a page puts in its {@code <head>} for the banner, for the request being rendered: the banner's
 * configuration as a JSON {@linkplain BannerConfig#dataBlock data block} (first, so that Google Consent
 * Mode defaults are set before any tag runs, C20), the {@code consent.js} script and the
 * {@code consent.css} stylesheet, all below the request's context path. No inline code, so it works under
 * a strict Content-Security-Policy. Thread-safe.
 *
 * <p>In a JSP, once {@link ConsentServletSetup} installed consent4j:
 * {@code <head><%= HeadMarkup.render(request) %></head>}; in Spring Boot, Thymeleaf's
 * {@code ${#consent.head()}} writes the same.
 */
public final class HeadMarkup {

    /** The servlet context attribute under which {@link ConsentServletSetup} stores the markup. */
    public static final String CONTEXT_ATTRIBUTE = HeadMarkup.class.getName();

    private final ConsentManager manager;
    private final String endpointPath;
    private final String cookieName;
    private final String assetsPath;

    private HeadMarkup(ConsentManager manager, String endpointPath, String cookieName, String assetsPath) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.endpointPath = Objects.requireNonNull(endpointPath, "endpointPath");
        this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
        this.assetsPath = Objects.requireNonNull(assetsPath, "assetsPath");
    }

    /**
     * The markup for {@code manager}'s banner, whose endpoint is at {@code endpointPath} and whose assets
     * are served at {@code assetsPath}, both below the context path; {@code cookieName} is read where
     * the filter did not decide the request.
     */
    public static HeadMarkup of(ConsentManager manager, String endpointPath, String cookieName, String assetsPath) {
        return new HeadMarkup(manager, endpointPath, cookieName, assetsPath);
    }

    /**
     * The markup installed in the request's servlet context by {@link ConsentServletSetup}, for
     * {@code request} in its negotiated language.
     *
     * @throws IllegalStateException when consent4j was not installed in that context
     */
    public static String render(HttpServletRequest request) {
        return render(request, null);
    }

    /**
     * The markup installed in the request's servlet context by {@link ConsentServletSetup}, for
     * {@code request} in {@code locale} (null to negotiate it).
     *
     * @throws IllegalStateException when consent4j was not installed in that context
     */
    public static String render(HttpServletRequest request, String locale) {
        ServletContext context = request.getServletContext();
        if (!(context.getAttribute(CONTEXT_ATTRIBUTE) instanceof HeadMarkup markup)) {
            throw new IllegalStateException(
                    "no HeadMarkup in this servlet context; install consent4j with ConsentServletSetup first");
        }
        return markup.html(request, locale);
    }

    /** The markup for {@code request}, in the language negotiated from {@code ?lang=} and {@code Accept-Language}. */
    public String html(HttpServletRequest request) {
        return html(request, null);
    }

    /**
     * The markup for {@code request}.
     *
     * @param locale the page's language, or null to negotiate it
     */
    public String html(HttpServletRequest request, String locale) {
        String context = request.getContextPath();
        // consent.js is deferred, so it never holds up the page's first paint; the banner's first layer is
        // in the page already. With Google Consent Mode, a small blocking script sets the defaults from
        // the data block before any tag of the page can run (C20).
        String consentMode = manager.policy().googleConsentModeEnabled()
                ? "<script src=\"" + NoScriptBanner.escape(context + assetsPath + "/consent-mode.js") + "\"></script>"
                : "";
        return BannerConfig.dataBlock(manager, request, locale, context + endpointPath, cookieName)
                + consentMode
                + "<script defer src=\"" + NoScriptBanner.escape(context + assetsPath + "/consent.js")
                + "\" data-endpoint=\"" + NoScriptBanner.escape(context + endpointPath) + "\"></script>"
                + "<link rel=\"stylesheet\" href=\"" + NoScriptBanner.escape(context + assetsPath + "/consent.css")
                + "\">";
    }
}
