/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.Service;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The banner's HTML as the server renders it: the first layer (the very markup {@code consent.js}
 * builds, class names and ARIA identical, so that the script enhances it and both paths look the same),
 * the one-click withdrawal control and the settings page. Every control works as a plain form posting to
 * the visitor endpoint, so the banner works without JavaScript; no inline script or style (strict CSP).
 * Everything from the policy is HTML-escaped.
 *
 * @param policy the policy whose texts and categories are shown
 * @param locale the language of the texts
 * @param decision the visitor's current decision
 * @param endpoint the visitor endpoint's URL path, with the context path
 */
record BannerMarkup(ConsentPolicy policy, String locale, ConsentDecision decision, String endpoint) {

    /** The {@code done} parameter of the settings page after a withdrawal. */
    static final String WITHDRAWN = "withdrawn";

    Map<BannerText, String> texts() {
        return policy.texts(locale);
    }

    String t(BannerText key) {
        return escape(texts().get(key));
    }

    /** Whether the visitor granted anything optional, so that there is something to withdraw (C14). */
    boolean grantsOptional() {
        if (decision.consent() == null) {
            return false;
        }
        for (Category category : policy.categories()) {
            if (category.required()) {
                continue;
            }
            if (decision.allowsCategory(category.id())
                    || policy.servicesOf(category.id()).stream().anyMatch(s -> decision.allowsService(s.id()))) {
                return true;
            }
        }
        return false;
    }

    /** The settings page's URL for a visitor on {@code page}; {@code done} is null or {@link #WITHDRAWN}. */
    String settingsUrl(String page, String done) {
        return endpoint + "/settings?lang=" + url(locale) + (done == null ? "" : "&done=" + url(done)) + "&return="
                + url(ReturnPath.sanitize(page));
    }

    /**
     * The first layer (C4, C5, C9, C10): heading, text, "accept all", "reject all" and "settings" as equal
     * buttons of one form, and the privacy policy and imprint links; followed by the status line the
     * script announces results in. Empty when the visitor has chosen.
     */
    String firstLayer(String page) {
        if (!decision.showBanner()) {
            return "";
        }
        StringBuilder out = new StringBuilder(2048);
        out.append("<div class=\"c4j c4j-root\" lang=\"").append(escape(locale)).append("\" tabindex=\"-1\">");
        out.append("<div class=\"c4j-bar\" role=\"dialog\" aria-modal=\"false\" aria-labelledby=\"c4j-t\"")
                .append(" aria-describedby=\"c4j-d\" tabindex=\"-1\">");
        out.append("<h2 id=\"c4j-t\" class=\"c4j-h\">")
                .append(t(BannerText.TITLE))
                .append("</h2>");
        out.append("<p id=\"c4j-d\">").append(t(BannerText.DESCRIPTION)).append("</p>");
        parental(out);
        if (decision.parentalConsentRequired()) {
            ParentPageMarkup.linkForm(out, this, page);
        }
        out.append("<form class=\"c4j-row\" method=\"post\" action=\"")
                .append(escape(endpoint))
                .append("\">");
        hidden(out, "return", ReturnPath.sanitize(page));
        hidden(out, "lang", locale);
        submit(out, "accept_all", BannerText.ACCEPT_ALL, "");
        submit(out, "reject_all", BannerText.REJECT_ALL, "");
        // Without JavaScript, "settings" opens the settings page; the script opens the layer in place.
        out.append("<button type=\"submit\" class=\"c4j-btn\" formmethod=\"get\"")
                .append(" formaction=\"")
                .append(escape(endpoint + "/settings"))
                .append("\">")
                .append(t(BannerText.SETTINGS))
                .append("</button>");
        out.append("</form>");
        links(out);
        out.append("</div><p class=\"c4j-sr\" role=\"status\"></p></div>");
        return out.toString();
    }

    /**
     * The one-click withdrawal control (C14): a form posting {@code withdraw} whose button carries
     * {@code data-consent-withdraw}, so that the script withdraws in place and announces it in the status
     * line below; without the script the visitor lands on the settings page, which says it worked and shows
     * the stored choice. Hidden while nothing optional is granted.
     */
    String withdrawControl(String page) {
        StringBuilder out = new StringBuilder(512);
        out.append("<div class=\"c4j c4j-wd\" lang=\"").append(escape(locale)).append("\">");
        out.append("<form method=\"post\" action=\"").append(escape(endpoint)).append('"');
        if (!grantsOptional()) {
            out.append(" hidden");
        }
        out.append('>');
        hidden(out, "action", "withdraw");
        hidden(out, "return", settingsUrl(page, WITHDRAWN));
        out.append("<button type=\"submit\" class=\"c4j-btn\" data-consent-withdraw>")
                .append(t(BannerText.WITHDRAW))
                .append("</button></form><p class=\"c4j-msg\" role=\"status\"></p></div>");
        return out.toString();
    }

    /**
     * The settings layer as a page of its own, for visitors without JavaScript (C6, C7, C8, C13, C14):
     * every category and service with a switch showing the stored choice, the cookie tables, "save",
     * "reject all" and "accept all" as equal buttons, and a link back to {@code page}.
     */
    String settingsPage(String page, String stylesheet, boolean withdrawn) {
        String back = ReturnPath.sanitize(page);
        StringBuilder out = new StringBuilder(8192);
        if (withdrawn && !grantsOptional()) {
            out.append("<p class=\"c4j-note\" role=\"status\">")
                    .append(t(BannerText.WITHDRAWN))
                    .append("</p>");
        }
        out.append("<p id=\"c4j-sd\">")
                .append(t(BannerText.SETTINGS_DESCRIPTION))
                .append("</p>");
        parental(out);
        out.append("<form method=\"post\" action=\"").append(escape(endpoint)).append("\">");
        hidden(out, "return", back);
        categories(out);
        out.append("<div class=\"c4j-row c4j-foot\">");
        submit(out, "save", BannerText.SAVE, "");
        // Rejecting everything after having granted something optional is a withdrawal, recorded as one.
        submit(out, grantsOptional() ? "withdraw" : "reject_all", BannerText.REJECT_ALL, "");
        submit(out, "accept_all", BannerText.ACCEPT_ALL, "");
        out.append("</div></form>");
        links(out);
        String backLink = "<a class=\"c4j-back\" href=\"" + escape(back) + "\">" + t(BannerText.BACK) + "</a>";
        return page(locale, texts().get(BannerText.SETTINGS_TITLE), stylesheet, backLink, out.toString());
    }

    /**
     * A page of the banner's own (the settings page, the parental pages), styled by {@code consent.css}:
     * {@code title} as its {@code h1}, followed in the heading row by {@code headExtra} (markup), then
     * {@code body} (markup).
     */
    static String page(String locale, String title, String stylesheet, String headExtra, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + escape(locale) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + escape(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + escape(stylesheet) + "\"></head>\n<body>"
                + "<main class=\"c4j c4j-page\" aria-labelledby=\"c4j-st\"><div class=\"c4j-head\">"
                + "<h1 id=\"c4j-st\" class=\"c4j-h\">" + escape(title) + "</h1>" + headExtra + "</div>"
                + body + "</main></body></html>\n";
    }

    /** Every category (h2 under the page's h1) with its switch, services (h3) and cookie tables. */
    void categories(StringBuilder out) {
        out.append("<div>");
        for (Category category : policy.categories()) {
            category(out, category);
        }
        out.append("</div>");
    }

    private void category(StringBuilder out, Category category) {
        boolean required = category.required();
        String description = "c4j-cd-" + category.id();
        String label = category.label().resolve(locale, policy.defaultLocale()).orElse(category.id());
        out.append("<section class=\"c4j-cat\"><div class=\"c4j-catrow\"><h2 class=\"c4j-h3\">")
                .append(escape(label))
                .append("</h2>");
        if (required) {
            out.append("<span class=\"c4j-on\">")
                    .append(t(BannerText.ALWAYS_ACTIVE))
                    .append("</span>");
        }
        toggle(
                out,
                "category",
                category.id(),
                required || decision.allowsCategory(category.id()),
                required,
                label,
                description);
        out.append("</div><p id=\"")
                .append(escape(description))
                .append("\">")
                .append(escape(category.description()
                        .resolve(locale, policy.defaultLocale())
                        .orElse("")))
                .append("</p>");
        List<Service> services = policy.servicesOf(category.id());
        if (!services.isEmpty()) {
            out.append("<details><summary>")
                    .append(t(BannerText.SERVICES))
                    .append(" (")
                    .append(services.size())
                    .append(")</summary><ul class=\"c4j-svcs\">");
            for (Service service : services) {
                service(out, service, required);
            }
            out.append("</ul></details>");
        }
        out.append("</section>");
    }

    private void service(StringBuilder out, Service service, boolean required) {
        String description = "c4j-sp-" + service.id();
        String purpose =
                service.purpose().resolve(locale, policy.defaultLocale()).orElse("");
        out.append("<li><div class=\"c4j-catrow\"><h3 class=\"c4j-h4\">").append(escape(service.name(locale)));
        if (service.provider(locale) != null && !service.provider(locale).equals(service.name(locale))) {
            out.append(" · ").append(escape(service.provider(locale)));
        }
        out.append("</h3>");
        toggle(
                out,
                "service",
                service.id(),
                required || decision.allowsService(service.id()),
                required,
                service.name(locale),
                description);
        out.append("</div><p id=\"")
                .append(escape(description))
                .append("\">")
                .append(t(BannerText.PURPOSE))
                .append(": ")
                .append(escape(purpose))
                .append("</p>");
        if (service.privacyPolicyUrl() != null) {
            out.append("<p><a href=\"")
                    .append(escape(service.privacyPolicyUrl().toString()))
                    .append("\">")
                    .append(t(BannerText.PRIVACY_POLICY))
                    .append(": ")
                    .append(escape(service.name(locale)))
                    .append("</a></p>");
        }
        if (!service.cookies().isEmpty()) {
            BannerText[] columns = {
                BannerText.COOKIE_NAME,
                BannerText.PROVIDER,
                BannerText.PURPOSE,
                BannerText.LIFETIME,
                BannerText.THIRD_PARTY
            };
            out.append("<table class=\"c4j-tbl\"><thead><tr>");
            for (BannerText column : columns) {
                out.append("<th scope=\"col\">").append(t(column)).append("</th>");
            }
            out.append("</tr></thead><tbody>");
            for (CookieDeclaration cookie : service.cookies()) {
                String[] cells = {
                    cookie.name(),
                    service.provider(locale),
                    cookie.description()
                            .resolve(locale, policy.defaultLocale())
                            .filter(d -> !d.isEmpty())
                            .orElse(purpose),
                    cookie.lifetime().describe(locale),
                    texts().get(cookie.thirdParty() ? BannerText.YES : BannerText.NO)
                };
                out.append("<tr>");
                for (int i = 0; i < cells.length; i++) {
                    out.append("<td data-l=\"")
                            .append(t(columns[i]))
                            .append("\">")
                            .append(escape(cells[i]))
                            .append("</td>");
                }
                out.append("</tr>");
            }
            out.append("</tbody></table>");
        }
        out.append("</li>");
    }

    private static void toggle(
            StringBuilder out,
            String name,
            String id,
            boolean checked,
            boolean disabled,
            String label,
            String description) {
        out.append("<label class=\"c4j-sw\"><input type=\"checkbox\" role=\"switch\" aria-describedby=\"")
                .append(escape(description))
                .append("\" name=\"")
                .append(name)
                .append("\" value=\"")
                .append(escape(id))
                .append("\" data-")
                .append(name.charAt(0))
                .append("=\"")
                .append(escape(id))
                .append("\" aria-label=\"")
                .append(escape(label))
                .append('"');
        if (checked) {
            out.append(" checked");
        }
        if (disabled) {
            out.append(" disabled");
        }
        out.append("></label>");
    }

    private void parental(StringBuilder out) {
        if (decision.parentalConsentRequired()) {
            out.append("<p class=\"c4j-note\">")
                    .append(t(BannerText.PARENTAL_CONSENT_REQUIRED))
                    .append("</p>");
        }
    }

    void links(StringBuilder out) {
        out.append("<p class=\"c4j-links\">");
        if (policy.links().privacyPolicy(locale) != null) {
            out.append("<a href=\"")
                    .append(escape(policy.links().privacyPolicy(locale)))
                    .append("\">")
                    .append(t(BannerText.PRIVACY_POLICY))
                    .append("</a>");
        }
        if (policy.links().imprint(locale) != null) {
            out.append("<a href=\"")
                    .append(escape(policy.links().imprint(locale)))
                    .append("\">")
                    .append(t(BannerText.IMPRINT))
                    .append("</a>");
        }
        out.append("</p>");
    }

    /** Accept, reject and save share one element type and class: the same size, font and weight (C4, C5). */
    void submit(StringBuilder out, String action, BannerText label, String extra) {
        out.append("<button type=\"submit\" class=\"c4j-btn\" name=\"action\" value=\"")
                .append(action)
                .append('"')
                .append(extra)
                .append('>')
                .append(t(label))
                .append("</button>");
    }

    static void hidden(StringBuilder out, String name, String value) {
        out.append("<input type=\"hidden\" name=\"")
                .append(name)
                .append("\" value=\"")
                .append(escape(value))
                .append("\">");
    }

    private static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
