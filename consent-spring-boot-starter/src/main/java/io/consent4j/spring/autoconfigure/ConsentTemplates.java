/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.assets.BannerAssets;
import io.consent4j.core.ConsentManager;
import io.consent4j.servlet.BannerConfig;
import io.consent4j.servlet.ConsentRequests;
import io.consent4j.servlet.NoScriptBanner;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.HtmlUtils;

/**
 * What page templates need from consent4j, for the request being rendered: whether a category or service
 * is allowed, the {@code <head>} markup (the embedded configuration with the Consent Mode defaults, the
 * script and the stylesheet) and the no-script form. The bean is named {@code consent}, so any Spring
 * template can call {@code @consent.allowed('analytics')}; Thymeleaf templates also get {@code #consent}.
 * The markup methods return HTML for unescaped output ({@code th:utext}).
 */
public final class ConsentTemplates {

    private final ConsentManager manager;
    private final NoScriptBanner banner;
    private final String endpointPath;
    private final String cookieName;

    ConsentTemplates(ConsentManager manager, NoScriptBanner banner, String endpointPath, String cookieName) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.banner = Objects.requireNonNull(banner, "banner");
        this.endpointPath = Objects.requireNonNull(endpointPath, "endpointPath");
        this.cookieName = Objects.requireNonNull(cookieName, "cookieName");
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
        HttpServletRequest request = requireRequest();
        String context = request.getContextPath();
        return BannerConfig.dataBlock(manager, request, locale, context + endpointPath, cookieName)
                + "<script src=\"" + HtmlUtils.htmlEscape(context + BannerAssets.SCRIPT_PATH) + "\" data-endpoint=\""
                + HtmlUtils.htmlEscape(context + endpointPath) + "\"></script>"
                + "<link rel=\"stylesheet\" href=\"" + HtmlUtils.htmlEscape(context + BannerAssets.STYLESHEET_PATH)
                + "\">";
    }

    /** The no-script banner form, to put inside {@code <noscript>}. */
    public String noscript() {
        return banner.html(requireRequest());
    }

    private static HttpServletRequest currentRequest() {
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
