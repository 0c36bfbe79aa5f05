/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.Service;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The banner for visitors without JavaScript: a server-rendered HTML form to put inside
 * {@code <noscript>}, posting to the visitor endpoint (C4 to C11). It offers the same choices as the
 * script banner with equal prominence: "accept all", "reject all" and "save" for the per-category
 * checkboxes are {@code <button>}s of the same type and class; no optional category is pre-selected
 * unless the visitor granted it before (C6, C13); required categories show as always active; every
 * service names its provider, purpose and cookies (C7); the privacy policy and imprint links are part of
 * the form (C10). Texts come from the policy in the request's language (C11); everything is
 * HTML-escaped. After the post the visitor returns to the page they were on.
 *
 * <p>In a JSP: {@code <noscript><%= NoScriptBanner.render(request) %></noscript>} once
 * {@link ConsentServletSetup} installed consent4j, or {@link #of} and {@link #html} otherwise.
 * The markup uses the classes {@code consent4j-noscript}, {@code consent4j-button} and
 * {@code consent4j-category} and no inline style or script, so it works under a strict CSP.
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
     * The banner installed in the request's servlet context by {@link ConsentServletSetup}, rendered for
     * {@code request}.
     *
     * @throws IllegalStateException when consent4j was not installed in that context
     */
    public static String render(HttpServletRequest request) {
        ServletContext context = request.getServletContext();
        if (!(context.getAttribute(CONTEXT_ATTRIBUTE) instanceof NoScriptBanner banner)) {
            throw new IllegalStateException(
                    "no NoScriptBanner in this servlet context; install consent4j with ConsentServletSetup first");
        }
        return banner.html(request);
    }

    /** The form's HTML for {@code request}: its language, its current choice and its page to return to. */
    public String html(HttpServletRequest request) {
        String locale = LocaleNegotiation.negotiate(request, policy);
        Map<BannerText, String> t = policy.texts(locale);
        ConsentDecision decision = manager == null
                ? ConsentRequests.decision(request).orElse(null)
                : ConsentRequests.decisionOrDecide(request, manager, cookieName);
        String page =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        StringBuilder out = new StringBuilder(4096);
        out.append("<form class=\"consent4j-noscript\" method=\"post\" action=\"")
                .append(escape(request.getContextPath() + endpointPath))
                .append("\" lang=\"")
                .append(escape(locale))
                .append("\" aria-labelledby=\"consent4j-noscript-title\">\n");
        out.append("<h2 id=\"consent4j-noscript-title\">")
                .append(escape(t.get(BannerText.TITLE)))
                .append("</h2>\n");
        out.append("<p>").append(escape(t.get(BannerText.DESCRIPTION))).append("</p>\n");
        out.append("<input type=\"hidden\" name=\"return\" value=\"")
                .append(escape(ReturnPath.sanitize(page)))
                .append("\">\n");
        out.append("<fieldset>\n<legend>")
                .append(escape(t.get(BannerText.SETTINGS_TITLE)))
                .append("</legend>\n");
        for (Category category : policy.categories()) {
            String id = "consent4j-noscript-" + category.id();
            out.append("<div class=\"consent4j-category\">\n<input type=\"checkbox\" id=\"")
                    .append(escape(id))
                    .append("\" name=\"category\" value=\"")
                    .append(escape(category.id()))
                    .append('"');
            if (category.required()) {
                out.append(" checked disabled");
            } else if (decision != null && decision.consent() != null && decision.allowsCategory(category.id())) {
                out.append(" checked");
            }
            out.append(">\n<label for=\"")
                    .append(escape(id))
                    .append("\">")
                    .append(escape(category.label()
                            .resolve(locale, policy.defaultLocale())
                            .orElse(category.id())))
                    .append("</label>");
            if (category.required()) {
                out.append(" <span>(")
                        .append(escape(t.get(BannerText.ALWAYS_ACTIVE)))
                        .append(")</span>");
            }
            out.append("\n<p>")
                    .append(escape(category.description()
                            .resolve(locale, policy.defaultLocale())
                            .orElse("")))
                    .append("</p>\n");
            services(out, policy.servicesOf(category.id()), locale, t);
            out.append("</div>\n");
        }
        out.append("</fieldset>\n");
        button(out, "accept_all", t.get(BannerText.ACCEPT_ALL));
        button(out, "reject_all", t.get(BannerText.REJECT_ALL));
        button(out, "save", t.get(BannerText.SAVE));
        out.append("<p><a href=\"")
                .append(escape(policy.links().privacyPolicy(locale)))
                .append("\">")
                .append(escape(t.get(BannerText.PRIVACY_POLICY)))
                .append("</a> <a href=\"")
                .append(escape(policy.links().imprint(locale)))
                .append("\">")
                .append(escape(t.get(BannerText.IMPRINT)))
                .append("</a></p>\n</form>\n");
        return out.toString();
    }

    private void services(StringBuilder out, List<Service> services, String locale, Map<BannerText, String> t) {
        if (services.isEmpty()) {
            return;
        }
        out.append("<ul>\n");
        for (Service service : services) {
            String name = service.name(locale);
            String provider = service.provider(locale);
            out.append("<li>").append(escape(name));
            if (!name.equals(provider)) {
                out.append(" (").append(escape(provider)).append(')');
            }
            String purpose =
                    service.purpose().resolve(locale, policy.defaultLocale()).orElse("");
            if (!purpose.isEmpty()) {
                out.append(": ").append(escape(purpose));
            }
            for (CookieDeclaration cookie : service.cookies()) {
                out.append("<br>")
                        .append(escape(t.get(BannerText.COOKIE_NAME)))
                        .append(' ')
                        .append(escape(cookie.name()))
                        .append(", ")
                        .append(escape(t.get(BannerText.LIFETIME)))
                        .append(' ')
                        .append(escape(cookie.lifetime().describe(locale)))
                        .append(", ")
                        .append(escape(t.get(BannerText.THIRD_PARTY)))
                        .append(' ')
                        .append(escape(cookie.thirdParty() ? t.get(BannerText.YES) : t.get(BannerText.NO)));
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    private static void button(StringBuilder out, String action, String label) {
        out.append("<button type=\"submit\" class=\"consent4j-button\" name=\"action\" value=\"")
                .append(action)
                .append("\">")
                .append(escape(label))
                .append("</button>\n");
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
