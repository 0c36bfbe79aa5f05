/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.decision.ConsentState;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.GoogleConsentType;
import io.consent4j.core.policy.PolicyLinks;
import io.consent4j.core.policy.Service;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import io.consent4j.servlet.ConsentRequests;
import io.consent4j.servlet.HeadMarkup;
import io.consent4j.servlet.NoScriptBanner;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/** The {@code consent} dialect in a real Thymeleaf engine (Spring's, as Boot configures it), on requests with a decision of their own. */
class ConsentDialectTest {

    private static final ConsentPolicy POLICY = ConsentPolicy.builder()
            .version(1)
            .links(PolicyLinks.of("/privacy", "/imprint"))
            .category(Category.builder("necessary").required(true).build())
            .category(Category.builder("analytics")
                    .googleConsentMode(GoogleConsentType.ANALYTICS_STORAGE)
                    .build())
            .category(Category.of("marketing"))
            .service(Service.builder("matomo", "analytics")
                    .provider("Site")
                    .purpose("en", "Reach")
                    .build())
            .build();

    private static final ConsentManager MANAGER = manager();

    private final ConsentTemplates templates = new ConsentTemplates(
            HeadMarkup.of(MANAGER, "/consent", "consent4j", "/consent4j/1").withCspNonceAttribute("cspNonce"),
            NoScriptBanner.of(MANAGER, "/consent", "consent4j"));

    private final SpringTemplateEngine engine = engine(templates);

    @AfterEach
    void forgetTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void headElementIsReplacedByTheHeadMarkupWithTheRequestsNonce() {
        MockHttpServletRequest request = request(undecided());
        request.setAttribute("cspNonce", "n0nce-1");

        String html = render("<head><consent:head lang=\"${lang}\"/></head>", request);

        assertThat(html).isEqualTo("<head>" + templates.head(request, "en") + "</head>");
        assertThat(html).contains(" nonce=\"n0nce-1\" defer src=\"/consent4j/1/consent.js\"", "consent-mode.js");
        assertThat(html).doesNotContain("consent:head");
    }

    @Test
    void bannerAndNoscriptElementsWriteTheServerRenderedFirstLayerWhileUndecided() {
        MockHttpServletRequest request = request(undecided());
        String banner = templates.banner(request, "de");

        assertThat(banner).contains("<form");
        assertThat(render("<body><consent:banner lang=\"de\"/></body>", request))
                .isEqualTo("<body>" + banner + "</body>");
        assertThat(render("<body><consent:noscript lang=\"de\"></consent:noscript></body>", request))
                .isEqualTo("<body>" + banner + "</body>");
        assertThat(render("<body><consent:banner lang=\"de\"/></body>", request(decided(Set.of(), Set.of()))))
                .isEqualTo("<body></body>");
    }

    @Test
    void allowedKeepsAnElementOnlyWhenEveryIdOfTheListIsAllowed_C15() {
        MockHttpServletRequest request = request(decided(Set.of("analytics"), Set.of("matomo")));

        String html = render("""
                <p consent:allowed="analytics">a</p>\
                <p consent:allowed="matomo">s</p>\
                <p consent:allowed=" analytics , matomo ">both</p>\
                <p consent:allowed="analytics,marketing">mixed</p>\
                <p consent:allowed="marketing">m<script src="/m.js"></script></p>\
                <p consent:allowed="unknown">u</p>\
                <p consent:allowed="">empty</p>\
                <p consent:allowed="${category}">expr</p>""", request);

        assertThat(html).isEqualTo("<p>a</p><p>s</p><p>both</p><p>expr</p>").doesNotContain("consent:");
    }

    @Test
    void deniedKeepsAnElementExactlyWhereAllowedRemovesIt() {
        MockHttpServletRequest request = request(decided(Set.of("analytics"), Set.of("matomo")));

        String html = render("""
                <p consent:denied="analytics">a</p>\
                <p consent:denied="marketing">m</p>\
                <p consent:denied="analytics,marketing">mixed</p>""", request);

        assertThat(html).isEqualTo("<p>m</p><p>mixed</p>");
    }

    @Test
    void aRequestTheFilterDidNotSeeAllowsNothing_C6() {
        MockHttpServletRequest request = new MockHttpServletRequest(new MockServletContext(), "GET", "/page");

        assertThat(render("<p consent:allowed=\"analytics\">a</p><p consent:denied=\"analytics\">d</p>", request))
                .isEqualTo("<p>d</p>");
    }

    @Test
    void settingsLinkGetsTheSettingsPageEscapedAndTheOpenMarker_C13() {
        MockHttpServletRequest request = request(decided(Set.of(), Set.of()));
        request.setRequestURI("/kurs");
        request.setQueryString("a=1&b=<2>");

        String html = render("<a consent:settings-link=\"${lang}\">Cookies</a>", request);

        String url = templates.settingsUrl(request, "en");
        assertThat(html)
                .isEqualTo("<a href=\""
                        + url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        + "\" data-consent-open=\"\">Cookies</a>")
                .doesNotContain("<2>");
    }

    @Test
    void theNamespaceDeclarationIsNotWrittenOut() {
        String html = render(
                "<html xmlns:consent=\"" + ConsentDialect.NAMESPACE
                        + "\"><p consent:allowed=\"necessary\">n</p></html>",
                request(decided(Set.of(), Set.of())));

        assertThat(html).isEqualTo("<html><p>n</p></html>");
    }

    @Test
    void theExpressionObjectStaysForConditions() {
        MockHttpServletRequest request = request(decided(Set.of("analytics"), Set.of()));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        String html = render(
                "<p th:if=\"${#consent.allowed('analytics')}\">a</p><p th:if=\"${#consent.allowed('marketing')}\">m</p>",
                request);

        assertThat(html).isEqualTo("<p>a</p>");
    }

    @Test
    void markupElementsOutsideARequestSaySo() {
        assertThatThrownBy(() -> engine.process("<consent:head/>", new Context(Locale.ENGLISH)))
                .isInstanceOf(TemplateProcessingException.class)
                .hasStackTraceContaining("need a servlet request");
    }

    private String render(String template, MockHttpServletRequest request) {
        JakartaServletWebApplication application =
                JakartaServletWebApplication.buildApplication(request.getServletContext());
        WebContext context = new WebContext(
                application.buildExchange(request, new MockHttpServletResponse()),
                Locale.ENGLISH,
                Map.of("lang", "en", "category", "analytics"));
        return engine.process(template, context);
    }

    private static SpringTemplateEngine engine(ConsentTemplates templates) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        engine.addDialect(new ConsentDialect(templates));
        return engine;
    }

    private static MockHttpServletRequest request(ConsentDecision decision) {
        MockHttpServletRequest request = new MockHttpServletRequest(new MockServletContext(), "GET", "/page");
        request.setAttribute(ConsentRequests.DECISION_ATTRIBUTE, decision);
        return request;
    }

    private static ConsentDecision undecided() {
        return new ConsentDecision(
                ConsentState.UNDECIDED, Set.of("necessary"), Set.of(), true, Set.of(), null, Set.of());
    }

    private static ConsentDecision decided(Set<String> categories, Set<String> services) {
        java.util.Set<String> allowed = new java.util.HashSet<>(categories);
        allowed.add("necessary");
        return new ConsentDecision(ConsentState.DECIDED, allowed, services, false, Set.of(), null, Set.of());
    }

    private static ConsentManager manager() {
        ReceiptSigner signer = ReceiptSigner.generate("dialect-test");
        return ConsentManager.builder(
                        POLICY,
                        new CookieConsentCodec(SigningKeys.of(SigningKey.generate("k1"))),
                        new InMemoryConsentLedger(LedgerSettings.builder(signer).build()),
                        signer)
                .build();
    }
}
