/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.servlet.ConsentRequests;
import io.consent4j.servlet.HeadMarkup;
import io.consent4j.servlet.NoScriptBanner;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What page templates need from consent4j, for the request being rendered: whether a category or service
 * is allowed, the {@code <head>} markup ({@link HeadMarkup}: the embedded configuration with the Consent
 * Mode defaults, the script and the stylesheet), the banner at the start of {@code <body>}, the settings
 * link's address and the one-click withdrawal control. The bean is named
 * {@code consent}, so any Spring template can call {@code @consent.allowed('analytics')}; Thymeleaf
 * templates also get {@code #consent}, and the elements and attributes of the {@code consent} dialect
 * ({@code <consent:head/>}, {@code <consent:banner/>}, {@code consent:allowed}, ...), which write the same
 * markup and are the way to use it in Thymeleaf. The markup methods return HTML for unescaped output,
 * for other template engines.
 */
public final class ConsentTemplates {

    private final HeadMarkup head;
    private final NoScriptBanner banner;

    ConsentTemplates(HeadMarkup head, NoScriptBanner banner) {
        this.head = Objects.requireNonNull(head, "head");
        this.banner = Objects.requireNonNull(banner, "banner");
    }

    /** Whether {@code id} (a category or service) is allowed for the current request; false outside one. */
    public boolean allowed(String id) {
        return ConsentRequests.allowed(currentRequest(), id);
    }

    /** The {@code <head>} markup in the request's negotiated language. */
    public String head() {
        return head(null);
    }

    /**
     * The {@code <head>} markup: the configuration data block (before the script, so Consent Mode
     * defaults are set before any tag), the script and the stylesheet.
     *
     * @param locale the page's language, or null to negotiate it
     */
    public String head(String locale) {
        return head(requireRequest(), locale);
    }

    String head(HttpServletRequest request, String locale) {
        return head.html(request, locale);
    }

    /** The banner in the request's negotiated language: see {@link #banner(String)}. */
    public String banner() {
        return banner(null);
    }

    /**
     * The banner's first layer, to put at the start of {@code <body>}: rendered by the server so that it
     * is in the page's first paint and works without JavaScript ({@code consent.js} enhances it); empty
     * once the visitor has chosen.
     *
     * @param locale the page's language, or null to negotiate it
     */
    public String banner(String locale) {
        return banner(requireRequest(), locale);
    }

    String banner(HttpServletRequest request, String locale) {
        return banner.html(request, locale);
    }

    /**
     * The address of the settings page for the settings link on every page ({@code <a href>} with
     * {@code data-consent-open}, which the script opens in place): it shows the stored choice and lets the
     * visitor change or withdraw it, also without JavaScript (C13).
     *
     * @param locale the page's language, or null to negotiate it
     */
    public String settingsUrl(String locale) {
        return settingsUrl(requireRequest(), locale);
    }

    String settingsUrl(HttpServletRequest request, String locale) {
        return banner.settingsUrl(request, locale);
    }

    /**
     * The one-click withdrawal control (C14), shown while the visitor has granted something optional.
     *
     * @param locale the page's language, or null to negotiate it
     */
    public String withdraw(String locale) {
        return withdraw(requireRequest(), locale);
    }

    String withdraw(HttpServletRequest request, String locale) {
        return banner.withdrawControl(request, locale);
    }

    /** The request Spring MVC is handling on this thread, or null. */
    static HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }

    private static HttpServletRequest requireRequest() {
        HttpServletRequest request = currentRequest();
        if (request == null) {
            throw new IllegalStateException("consent4j template helpers need a current servlet request");
        }
        return request;
    }
}
