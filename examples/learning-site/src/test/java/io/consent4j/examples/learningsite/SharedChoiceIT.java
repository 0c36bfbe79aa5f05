/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.consent4j.examples.learningsite.BrowserSupport.button;
import static io.consent4j.examples.learningsite.BrowserSupport.change;
import static io.consent4j.examples.learningsite.BrowserSupport.open;
import static io.consent4j.examples.learningsite.BrowserSupport.ran;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.consent4j.assets.SystemChromium;
import io.consent4j.core.ledger.AccountReferences;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentMethod;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.servlet.AccountReferenceResolver;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One choice across the hosts of a domain and across a signed-in learner's devices, in a real Chromium:
 * {@code www.lernen.test} and {@code shop.lernen.test} both reach the site on 127.0.0.1, the consent
 * cookie is shared through {@code consent4j.cookie.domain=lernen.test}, and two browser contexts are two
 * devices of one account, which the test's account hook reads from a header.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"consent4j.cookie.domain=lernen.test", "consent4j.account.restore=true"})
class SharedChoiceIT {

    private static final String ACCOUNT_HEADER = "X-Test-Account";
    private static final AccountReferences REFERENCES = new AccountReferences(new byte[32]);

    static BrowserSupport chromium;

    @TestConfiguration
    static class SignedIn {
        @Bean
        AccountReferenceResolver testAccounts() {
            return request -> {
                String account = request.getHeader(ACCOUNT_HEADER);
                return account == null ? null : REFERENCES.of(account);
            };
        }
    }

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("shared-choice-ledger").toString();
        registry.add("consent4j.ledger.path", () -> dir + "/ledger");
    }

    @BeforeAll
    static void launch() {
        chromium = BrowserSupport.launch(List.of("--host-resolver-rules=MAP *.lernen.test 127.0.0.1"));
    }

    @AfterAll
    static void shutDown() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ConsentPolicy policy;

    @Autowired
    ConsentLedger ledger;

    private String url(String host, String path) {
        return "http://" + host + ".lernen.test:" + port + path;
    }

    private BrowserContext device(String account) {
        Browser.NewContextOptions options =
                new Browser.NewContextOptions().setLocale("de-DE").setViewportSize(1280, 800);
        if (account != null) {
            options.setExtraHTTPHeaders(Map.of(ACCOUNT_HEADER, account));
        }
        return SystemChromium.newContext(chromium.browser, options);
    }

    private void acceptAll(Page page) {
        change(
                page,
                () -> button(page.locator(".c4j-bar"), policy.texts("de").get(BannerText.ACCEPT_ALL))
                        .click());
    }

    private void withdraw(Page page, String host) {
        open(page, url(host, "/konto?lang=de"));
        page.locator("main [data-consent-withdraw]").click();
        assertThat(page.locator("main .c4j-msg")).hasText(policy.texts("de").get(BannerText.WITHDRAWN));
    }

    @Test
    void aChoiceOnWwwHoldsOnShopAndAWithdrawalOnShopHoldsOnWww_C13_C14() {
        try (BrowserContext visitor = device(null)) {
            Page www = BrowserSupport.page(visitor);
            open(www, url("www", "/kurse/python-einstieg?lang=de"));
            assertThat(www.locator(".c4j-bar")).isVisible();
            acceptAll(www);

            Page shop = BrowserSupport.page(visitor);
            open(shop, url("shop", "/kurse/python-einstieg?lang=de"));
            // No banner on the other host, and the choice applies there.
            assertThat(shop.locator(".c4j-bar")).isHidden();
            assertThat(ran(shop)).contains("analytics");
            List<Cookie> consent = visitor.cookies().stream()
                    .filter(c -> c.name.equals("consent4j"))
                    .toList();
            assertThat(consent)
                    .singleElement()
                    .satisfies(c -> assertThat(c.domain).isEqualTo(".lernen.test"));

            withdraw(shop, "shop");
            open(www, url("www", "/kurse/python-einstieg?lang=de"));
            assertThat(www.locator(".c4j-bar")).isHidden();
            assertThat(ran(www)).doesNotContain("analytics", "marketing");
        }
    }

    @Test
    void aLearnerWhoChoseOnTheLaptopIsNotAskedOnThePhoneAndAWithdrawalThereReachesTheLaptop_C14_C21() {
        String account = "learner-" + port;
        try (BrowserContext laptop = device(account);
                BrowserContext phone = device(account)) {
            Page onLaptop = BrowserSupport.page(laptop);
            open(onLaptop, url("www", "/kurse/python-einstieg?lang=de"));
            acceptAll(onLaptop);

            Page onPhone = BrowserSupport.page(phone);
            open(onPhone, url("www", "/kurse/python-einstieg?lang=de"));
            assertThat(onPhone.locator(".c4j-bar")).isHidden();
            assertThat(ran(onPhone)).contains("analytics");
            assertThat(ledger.findByAccountRef(REFERENCES.of(account)))
                    .anySatisfy(r -> assertThat(r.content().method()).isEqualTo(ConsentMethod.ACCOUNT_RESTORE));

            withdraw(onPhone, "www");
            open(onLaptop, url("www", "/kurse/python-einstieg?lang=de"));
            assertThat(onLaptop.locator(".c4j-bar")).isHidden();
            assertThat(ran(onLaptop)).doesNotContain("analytics", "marketing");
        }
        try (BrowserContext stranger = device(null)) {
            Page page = BrowserSupport.page(stranger);
            open(page, url("www", "/kurse/python-einstieg?lang=de"));
            // Without an account, a new device is asked as before.
            assertThat(page.locator(".c4j-bar")).isVisible();
        }
    }
}
