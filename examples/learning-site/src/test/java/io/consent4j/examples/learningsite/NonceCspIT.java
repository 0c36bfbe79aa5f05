/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.consent4j.examples.learningsite.BrowserSupport.button;
import static io.consent4j.examples.learningsite.BrowserSupport.change;
import static io.consent4j.examples.learningsite.BrowserSupport.open;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The learning site under a nonce-based Content-Security-Policy in Chromium: a filter of the test makes a
 * fresh nonce per response, sends
 * {@code script-src 'nonce-…' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'} and
 * puts the nonce in the request attribute that {@code consent4j.csp.nonce-attribute} names, so the
 * templates' {@code <consent:head/>} writes it on every script element. Asked with {@code ?nonce=off},
 * the filter leaves the attribute out: the page then shows what the policy does to scripts without it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "consent4j.csp.nonce-attribute=" + NonceCspIT.NONCE_ATTRIBUTE)
class NonceCspIT {

    static final String NONCE_ATTRIBUTE = "cspNonce";

    static BrowserSupport chromium;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("learning-site-csp-ledger").toString();
        registry.add("consent4j.ledger.path", () -> dir + "/ledger");
    }

    @BeforeAll
    static void launch() {
        chromium = BrowserSupport.launch();
    }

    @AfterAll
    static void shutDown() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** The site's CSP filter, as a site with a nonce-based policy has one: before every other filter. */
    @TestConfiguration
    static class NonceFilter {

        private static final SecureRandom RANDOM = new SecureRandom();

        @Bean
        FilterRegistrationBean<Filter> cspNonceFilter() {
            Filter filter = (request, response, chain) -> {
                byte[] bytes = new byte[16];
                RANDOM.nextBytes(bytes);
                String nonce = Base64.getEncoder().encodeToString(bytes);
                if (!"off".equals(request.getParameter("nonce"))) {
                    request.setAttribute(NONCE_ATTRIBUTE, nonce);
                }
                ((HttpServletResponse) response)
                        .setHeader(
                                "Content-Security-Policy",
                                "script-src 'nonce-" + nonce + "' 'strict-dynamic'; style-src 'self';"
                                        + " object-src 'none'; base-uri 'none'");
                chain.doFilter(request, response);
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ConsentPolicy policy;

    @Test
    void withTheNonceTheBannerSettingsAndAChoiceWorkWithoutAViolation_C13() {
        Map<BannerText, String> de = policy.texts("de");
        try (BrowserContext visitor = chromium.newVisitor()) {
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            Page page = watched(visitor, problems);
            open(page, "http://127.0.0.1:" + port + "/kurse/python-einstieg");

            Locator bar = page.locator(".c4j-bar");
            assertThat(bar).isVisible();
            assertThat(page.locator("script#consent4j-config[nonce], script[src$='/consent.js'][nonce]"))
                    .hasCount(2);
            button(bar, de.get(BannerText.SETTINGS)).click();
            Locator dialog = page.locator("dialog.c4j-dlg");
            assertThat(dialog).isVisible();
            dialog.locator("input[data-c='analytics']").check();
            change(page, () -> button(dialog, de.get(BannerText.SAVE)).click());

            // Recorded, and the granted tracker started by consent.js under 'strict-dynamic'.
            page.waitForFunction("() => (window.siteRan || []).includes('analytics')");
            assertThat(visitor.cookies()).anySatisfy(c -> assertThat(c.name).isEqualTo("consent4j"));
            assertThat(violations(page)).isEmpty();
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void withoutTheNonceThePolicyBlocksTheBannerScript() {
        try (BrowserContext visitor = chromium.newVisitor()) {
            Page page = watched(visitor, new ArrayList<>());
            page.navigate("http://127.0.0.1:" + port + "/kurse/python-einstieg?nonce=off");
            page.waitForFunction("() => cspViolations.some(v => v.includes('consent.js'))");

            assertThat(page.locator("script[nonce]")).hasCount(0);
            assertThat(violations(page)).anySatisfy(v -> assertThat(v).startsWith("script-src"));
            assertThat(page.evaluate("() => readies.length")).isEqualTo(0);
        }
    }

    /** A page that records CSP violations, console errors and failed responses in {@code problems}. */
    private static Page watched(BrowserContext visitor, List<String> problems) {
        Page page = BrowserSupport.page(visitor);
        page.addInitScript("window.cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation', e =>"
                + " cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        page.onConsoleMessage(m -> {
            // The site has no favicon; Chromium's request for one is no problem of the page's.
            if (m.type().equals("error") && !m.location().contains("/favicon.ico")) {
                problems.add("console: " + m.text() + " " + m.location());
            }
        });
        page.onPageError(e -> problems.add("page error: " + e));
        page.onResponse(r -> {
            if (r.status() >= 400) {
                problems.add("HTTP " + r.status() + " " + r.url());
            }
        });
        return page;
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(Page page) {
        return (List<String>) page.evaluate("() => cspViolations");
    }
}
