/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.receipt.ConsentReceipt;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import io.consent4j.servlet.AuditEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The auditor dashboard in Chromium: every page in English and German with no axe-core violations
 * (WCAG 2.2 A and AA), no CSP violation under its {@code default-src 'none'} policy, no console error, and
 * usable by keyboard. The browser signs in with HTTP Basic, the token as password. Writes a screenshot of
 * each page under {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {

    private static final String TOKEN = "dashboard-browser-token";
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private Playwright playwright;
    private Browser browser;
    private Server server;
    private String origin;
    private ConsentRecord sample;
    private String receipt;

    private BrowserContext context;
    private Page page;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void start() throws Exception {
        SystemChromium.requireOrSkip();
        ReceiptSigner signer = ReceiptSigner.generate("dashboard");
        SettableClock clock = new SettableClock(NOW.minus(Duration.ofDays(20)));
        InMemoryConsentLedger ledger = new InMemoryConsentLedger(
                LedgerSettings.builder(signer).chainId("node-1").clock(clock).build());
        fill(ledger, clock, signer);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler handler = new ServletContextHandler("/");
        handler.addServlet(
                new ServletHolder(
                        "audit",
                        AuditEndpoint.builder(ledger, signer)
                                .tokenHash(AuditEndpoint.hashToken(TOKEN))
                                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                                .build()),
                "/consent-audit/*");
        server.setHandler(handler);
        server.start();
        origin = "http://127.0.0.1:" + connector.getLocalPort();
        playwright = SystemChromium.playwright();
        browser = SystemChromium.launch(playwright);
    }

    /** Twenty days of choices of every kind under two policy versions, and one checkpoint. */
    private void fill(InMemoryConsentLedger ledger, SettableClock clock, ReceiptSigner signer) {
        ConsentPolicy older = TestSite.policy();
        ConsentPolicy newer = newer(older);
        ledger.archive(older);
        ledger.archive(newer);
        Random random = new Random(5);
        ConsentMethod[] methods = {ConsentMethod.ACCEPT_ALL, ConsentMethod.REJECT_ALL, ConsentMethod.CUSTOM};
        CollectionPoint[] points = {
            CollectionPoint.FIRST_LAYER,
            CollectionPoint.SETTINGS,
            CollectionPoint.EMBED_PLACEHOLDER,
            CollectionPoint.NO_SCRIPT_FORM
        };
        for (int day = 0; day < 20; day++) {
            for (int i = 0; i < 12; i++) {
                boolean withdrawal = random.nextInt(10) == 0;
                boolean parent = random.nextInt(15) == 0;
                RecordContent.Builder content = RecordContent.builder(
                                day < 10 ? older : newer,
                                withdrawal
                                        ? ConsentEvent.WITHDRAWN
                                        : parent ? ConsentEvent.PARENTAL_CONSENT : ConsentEvent.GIVEN)
                        .consentId(ConsentId.random())
                        .actor(parent ? Actor.PARENT : Actor.VISITOR)
                        .method(withdrawal ? ConsentMethod.WITHDRAWAL : methods[random.nextInt(3)])
                        .collectionPoint(points[random.nextInt(points.length)])
                        .granted(random.nextBoolean() ? Set.of("analytics") : Set.of(), Set.of());
                if (random.nextInt(6) == 0) {
                    content.signal("gpc");
                }
                ConsentRecord record = ledger.append(content.build());
                if (sample == null) {
                    sample = record;
                    receipt = ConsentReceipt.issue(signer, record);
                }
                clock.advance(Duration.ofHours(2));
            }
        }
        ledger.checkpoint();
    }

    /** The policy as the next version with a changed purpose: a material change (C17). */
    private static ConsentPolicy newer(ConsentPolicy older) {
        try (InputStream in = TestSite.class.getResourceAsStream("policy.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String changed =
                    json.replaceFirst("\"version\":\\s*" + older.version(), "\"version\": " + (older.version() + 1));
            return ConsentPolicy.fromJson(changed.replace(
                    "helps us improve our courses.", "helps us improve our courses and plan new ones."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void openContext() {
        context = SystemChromium.newContext(
                browser,
                new Browser.NewContextOptions().setViewportSize(1280, 900).setHttpCredentials("auditor", TOKEN));
        page = context.newPage();
        page.addInitScript("window.cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation', e =>"
                + " cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.text().contains("Content Security Policy")) {
                problems.add("console: " + m.text());
            }
        });
        page.onPageError(e -> problems.add("page error: " + e));
        problems.clear();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @ParameterizedTest
    @CsvSource({
        "'',en,overview", "'',de,overview",
        "/choices,en,choices", "/choices,de,choices",
        "/policies,en,policies", "/policies,de,policies",
        "/lookup,en,lookup", "/lookup,de,lookup",
        "/cookies,en,cookies", "/cookies,de,cookies"
    })
    void everyPageHasNoAxeOrCspViolationInBothLanguages_C25(String path, String lang, String name) {
        String query = path.equals("/lookup") ? "&q=" + sample.content().consentId() : "";
        Response response = page.navigate(origin + "/consent-audit/dashboard" + path + "?lang=" + lang + query);

        assertThat(response.status()).isEqualTo(200);
        assertThat(page.locator("html")).hasAttribute("lang", lang);
        assertNoAxeViolations();
        assertNoCspViolations();
        page.screenshot(new Page.ScreenshotOptions()
                .setFullPage(true)
                .setPath(screenshots().resolve("dashboard-" + name + "-" + lang + ".png")));
    }

    @Test
    void withoutCredentialsTheBrowserIsAskedForThem_C25() {
        try (BrowserContext anonymous = SystemChromium.newContext(browser, new Browser.NewContextOptions())) {
            // Headless Chromium cannot show the sign-in prompt: the request API sees what the browser would.
            APIResponse response = anonymous.request().get(origin + "/consent-audit/dashboard?lang=en");

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers().get("www-authenticate")).startsWith("Basic");
        }
    }

    @Test
    void keyboardOnlyAuditorReachesEveryPageAndLooksUpAConsent() {
        page.navigate(origin + "/consent-audit/dashboard?lang=en");
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Skip to content");
        // Tab on to the navigation, then follow each link by keyboard.
        for (String target :
                List.of("Choices over time", "Policy versions", "Lookup", "Cookie inventory", "Overview")) {
            page.keyboard().press("Tab");
            int guard = 0;
            while (!target.equals(focusedText()) && guard++ < 20) {
                page.keyboard().press("Tab");
            }
            assertThat(page.locator(":focus")).hasText(target);
            page.keyboard().press("Enter");
            assertThat(page.locator("h1")).hasText(target);
            if (target.equals("Lookup")) {
                page.locator("#q").focus();
                page.keyboard().type(sample.content().consentId().toString());
                page.keyboard().press("Enter");
                assertThat(page.locator("#history")).isVisible();
                assertThat(page.getByText("verifies").first()).isVisible();
                page.locator("#receipt-text").focus();
                page.keyboard().insertText(receipt);
                page.keyboard().press("Tab");
                assertThat(page.locator(":focus")).hasText("Check");
                page.keyboard().press("Enter");
                assertThat(page.getByText("The signature is valid.")).isVisible();
                assertNoAxeViolations();
                page.screenshot(new Page.ScreenshotOptions()
                        .setFullPage(true)
                        .setPath(screenshots().resolve("dashboard-lookup-receipt-en.png")));
            }
            page.keyboard().press("Tab");
        }
        assertNoCspViolations();
    }

    private String focusedText() {
        return (String) page.evaluate("() => document.activeElement ? document.activeElement.textContent.trim() : ''");
    }

    private void assertNoAxeViolations() {
        assertThat(Axe.violations(page)).isEmpty();
    }

    private void assertNoCspViolations() {
        assertThat((List<?>) page.evaluate("() => window.cspViolations")).isEmpty();
        assertThat(problems).isEmpty();
    }

    private static Path screenshots() {
        return Path.of(System.getProperty("consent4j.screenshots", "target/screenshots"));
    }

    /** A clock the filling moves forward. */
    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
