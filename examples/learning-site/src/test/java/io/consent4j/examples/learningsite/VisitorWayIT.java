/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.CookieDeclaration;
import io.consent4j.core.policy.Service;
import io.consent4j.servlet.ConsentFilterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A visitor's way through the learning site under each of the five presets, with and without JavaScript,
 * in German and English: the first visit (C1..C7, C10..C12), a granular choice and what the server does
 * with it (C8, C9, C13, C15, C16), and rejecting and withdrawing (C9, C14, C16). Signals, proof and minors
 * are in {@link VisitorProofIT}, policy changes and expiry in {@link PolicyChangeIT}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("presets")
class VisitorWayIT {

    static final String COURSE = "/kurse/python-einstieg";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Parameter
    String preset;

    static List<String> presets() {
        return PresetSites.presets();
    }

    static List<Way> ways() {
        return Way.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void aFirstVisitGrantsNothingAndTheBannerIsFairAndComplete_C1_C2_C3_C4_C5_C6_C7_C10_C11_C12(Way way) {
        PresetSites.Site site = PresetSites.of(preset);
        ConsentPolicy policy = site.policy();
        try (Visit v = new Visit(site, way)) {
            v.open(COURSE);
            Page page = v.page;
            // C11: the page and the banner speak the visitor's language.
            assertThat(page.locator("html")).hasAttribute("lang", way.lang());
            assertThat(v.bar()).containsText(v.t.get(BannerText.TITLE));
            assertThat(v.bar()).isInViewport();
            // The first thing on the page, for the eye, the keyboard and a screen reader alike.
            assertThat(page.locator("body > :first-child")).hasClass("c4j c4j-root");
            page.screenshot(
                    new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(shot(preset, "first-layer", way))));

            // C1: nothing optional before a choice: no cookie, no storage, no request elsewhere, tags inert.
            assertThat(v.cookieNames()).as("cookies before any choice").isEmpty();
            assertThat(page.evaluate("() => Object.keys(localStorage).length")).isEqualTo(0);
            assertThat(v.ran()).isEmpty();
            assertThat(page.locator("iframe.video")).not().hasAttribute("src", Pattern.compile("/video/.*"));
            assertThat(v.foreignRequests).isEmpty();

            // C4, C5: "reject all" beside "accept all", of the same type, size, font, weight and colours.
            Locator accept = v.button(v.bar(), BannerText.ACCEPT_ALL);
            Locator reject = v.button(v.bar(), BannerText.REJECT_ALL);
            assertThat(Looks.of(reject)).isEqualTo(Looks.of(accept));
            assertThat(((Number) Looks.of(accept).get("height")).doubleValue()).isGreaterThanOrEqualTo(44);
            assertThat(Looks.of(accept).get("fontSize"))
                    .as("not the browser's default")
                    .isNotEqualTo("13.3333px");
            assertThat(Looks.contrast(accept)).isGreaterThanOrEqualTo(4.5);
            assertThat(Looks.contrast(reject)).isGreaterThanOrEqualTo(4.5);

            // C10: the privacy policy and the imprint, in the visitor's language, while the banner is open.
            String suffix = way.lang().equals("en") ? "?lang=en" : "";
            assertThat(link(v.bar(), v.t.get(BannerText.PRIVACY_POLICY))).hasAttribute("href", "/datenschutz" + suffix);
            assertThat(link(v.bar(), v.t.get(BannerText.IMPRINT))).hasAttribute("href", "/impressum" + suffix);
            link(v.bar(), v.t.get(BannerText.PRIVACY_POLICY)).click();
            page.waitForURL(u -> u.contains("/datenschutz"));
            assertThat(v.bar()).isVisible(); // still open on the privacy policy
            v.open(COURSE);

            // C12: no axe-core violation; with the script, focus is in the banner.
            assertThat(v.axeViolations()).as("axe on the first layer").isEmpty();
            if (way.script()) {
                assertThat(v.bar()).isFocused();
            }

            // C3: Escape, scrolling and browsing on are not consent.
            page.keyboard().press("Escape");
            page.mouse().wheel(0, 800);
            v.open("/");
            assertThat(v.bar()).isVisible();
            assertThat(v.state().hasNonNull("consentId")).isFalse();
            assertThat(v.cookieNames()).isEmpty();

            Locator layer = v.settings(v.button(v.bar(), BannerText.SETTINGS));
            page.screenshot(new Page.ScreenshotOptions()
                    .setFullPage(true)
                    .setPath(SCREENSHOTS.resolve(shot(preset, "settings", way))));
            String shown = layer.innerText();
            for (Category category : policy.categories()) {
                Locator toggle = layer.locator("input[data-c='" + category.id() + "']");
                if (category.required()) {
                    // C2: necessary is on, cannot be switched off, and says why.
                    assertThat(toggle).isChecked();
                    assertThat(toggle).isDisabled();
                    assertThat(shown).contains(v.t.get(BannerText.ALWAYS_ACTIVE));
                } else {
                    // C6: nothing optional is pre-selected.
                    assertThat(toggle).not().isChecked();
                }
            }
            assertThat(layer.locator("input[type=checkbox]:not([disabled]):checked"))
                    .hasCount(0);
            // C7: every purpose, service, provider, cookie, lifetime and third-party flag, in this language.
            for (Service service : policy.services()) {
                assertThat(shown).as("name of %s", service.id()).contains(service.name(way.lang()));
                assertThat(shown)
                        .as("purpose of %s", service.id())
                        .contains(service.purpose()
                                .resolve(way.lang(), policy.defaultLocale())
                                .orElseThrow());
                for (CookieDeclaration cookie : service.cookies()) {
                    assertThat(shown).as("cookie %s", cookie.name()).contains(cookie.name());
                    assertThat(shown).contains(cookie.lifetime().describe(way.lang()));
                    if (policy.category(service.category()).orElseThrow().required()) {
                        // C2: every necessary cookie has its written reason.
                        assertThat(cookie.description().resolve(way.lang(), policy.defaultLocale()))
                                .as("reason for the necessary cookie %s", cookie.name())
                                .hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
                    }
                }
            }
            assertThat(shown).contains(v.t.get(BannerText.THIRD_PARTY));
            // C4, C5 on the settings layer, and C12 there too.
            assertThat(Looks.of(v.button(layer, BannerText.REJECT_ALL)))
                    .isEqualTo(Looks.of(v.button(layer, BannerText.ACCEPT_ALL)));
            assertThat(v.axeViolations()).as("axe on the settings layer").isEmpty();

            // C3: leaving the settings layer without a choice records nothing.
            if (way.script()) {
                page.keyboard().press("Escape");
                assertThat(layer).isHidden();
            } else {
                page.locator("a.c4j-back").click();
                page.waitForURL(u -> !u.contains("/consent/settings"));
            }
            assertThat(v.state().hasNonNull("consentId")).isFalse();
            assertThat(v.ran()).isEmpty();
            assertThat(v.foreignRequests).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void aGranularChoiceIsStoredAsShownKeptAndGatesTheServer_C8_C9_C13_C15_C16(Way way) {
        PresetSites.Site site = PresetSites.of(preset);
        ConsentPolicy policy = site.policy();
        String functional =
                policy.service(site.embeds().lastCourseService()).orElseThrow().category();
        try (Visit v = new Visit(site, way)) {
            v.open(COURSE);
            Locator layer = v.settings(v.button(v.bar(), BannerText.SETTINGS));
            layer.locator("input[data-c='" + functional + "']").check();
            v.decide(layer, BannerText.SAVE);

            // C8: exactly the switches shown, per category and per service, in the state and the ledger.
            JsonNode state = v.state();
            List<String> expected = policy.categories().stream()
                    .filter(c -> c.required() || c.id().equals(functional))
                    .map(Category::id)
                    .toList();
            assertThat(strings(state.path("categories"))).containsExactlyInAnyOrderElementsOf(expected);
            List<ConsentRecord> history = site.history(state.path("consentId").asString());
            Map<String, Boolean> categories = new LinkedHashMap<>();
            policy.categories().forEach(c -> categories.put(c.id(), expected.contains(c.id())));
            assertThat(history.get(history.size() - 1).content().categories()).isEqualTo(categories);
            Map<String, Boolean> services = new LinkedHashMap<>();
            policy.services().forEach(s -> services.put(s.id(), expected.contains(s.category())));
            assertThat(history.get(history.size() - 1).content().services()).isEqualTo(services);

            // C9: the page is usable, the banner gone.
            assertThat(v.bar()).not().isVisible();
            assertThat(v.page.locator("main h1")).isVisible();

            // C15: the server's functional cookie now passes; analytics stays off.
            v.open(COURSE);
            assertThat(v.cookie(SitePolicy.LAST_COURSE)).isPresent();
            assertThat(v.cookieNames()).noneMatch(n -> n.startsWith("_pk_"));
            assertThat(v.ran()).doesNotContain("analytics");

            // C16: not asked again, and the choice is kept for the configured six months.
            v.open("/");
            assertThat(v.bar()).not().isVisible();
            assertThat(daysLeft(
                            v.cookie(ConsentFilterSettings.DEFAULT_COOKIE_NAME).orElseThrow()))
                    .isGreaterThanOrEqualTo(180);

            // C13: the settings link on every page reopens the stored choice.
            Locator again = v.settings(v.page.locator("footer [data-consent-open]"));
            assertThat(again.locator("input[data-c='" + functional + "']")).isChecked();
            for (Category category : policy.categories()) {
                if (!category.required() && !category.id().equals(functional)) {
                    assertThat(again.locator("input[data-c='" + category.id() + "']"))
                            .not()
                            .isChecked();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void rejectingTakesOneClickLikeAcceptingAndWithdrawingToo_C9_C14_C16(Way way) {
        PresetSites.Site site = PresetSites.of(preset);
        long refusalDays;
        try (Visit v = new Visit(site, way)) {
            v.open(COURSE);
            v.firstLayer(BannerText.REJECT_ALL);
            // C9: no cookie wall; the course is there, nothing optional ran.
            assertThat(v.page.locator("main h1")).isVisible();
            assertThat(v.ran()).isEmpty();
            assertThat(v.cookieNames()).containsExactly(ConsentFilterSettings.DEFAULT_COOKIE_NAME);
            refusalDays =
                    daysLeft(v.cookie(ConsentFilterSettings.DEFAULT_COOKIE_NAME).orElseThrow());
        }
        try (Visit v = new Visit(site, way)) {
            v.open(COURSE);
            List<Runnable> consentClicks = List.of(() -> v.firstLayer(BannerText.ACCEPT_ALL));
            consentClicks.forEach(Runnable::run);
            // C16: a refusal is kept at least as long as a consent.
            long consentDays =
                    daysLeft(v.cookie(ConsentFilterSettings.DEFAULT_COOKIE_NAME).orElseThrow());
            assertThat(refusalDays).isGreaterThanOrEqualTo(consentDays);
            v.open(COURSE);
            assertThat(v.cookie(SitePolicy.LAST_COURSE)).isPresent();
            String id = v.state().path("consentId").asString();

            // C14: one click on the control every page carries withdraws everything optional.
            Locator withdraw = v.page.locator("footer [data-consent-withdraw]");
            List<Runnable> withdrawClicks = List.of(withdraw::click);
            withdrawClicks.forEach(Runnable::run);
            if (way.script()) {
                assertThat(v.page.locator("footer .c4j-msg")).hasText(v.t.get(BannerText.WITHDRAWN));
            } else {
                assertThat(v.page.locator("main.c4j-page [role=status]")).hasText(v.t.get(BannerText.WITHDRAWN));
            }
            assertThat(withdrawClicks.size()).isLessThanOrEqualTo(consentClicks.size());
            assertThat(strings(v.state().path("categories")))
                    .containsExactlyInAnyOrderElementsOf(requiredCategories(site.policy()));
            assertThat(v.cookieNames())
                    .as("the server expired what the withdrawn categories had set")
                    .doesNotContain(SitePolicy.LAST_COURSE)
                    .noneMatch(n -> n.startsWith("_pk_"));
            List<ConsentRecord> history = site.history(id);
            assertThat(history.get(history.size() - 1).content().event()).isEqualTo(ConsentEvent.WITHDRAWN);
            v.open(COURSE);
            assertThat(v.cookieNames()).doesNotContain(SitePolicy.LAST_COURSE);
            assertThat(v.ran()).isEmpty();
        }
    }

    static String shot(String preset, String what, Way way) {
        return preset + "-" + what + "-" + way.lang() + (way.script() ? "" : "-noscript") + ".png";
    }

    static Locator link(Locator scope, String text) {
        return scope.locator("a", new Locator.LocatorOptions().setHasText(text)).first();
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asString()));
        return values;
    }

    static List<String> requiredCategories(ConsentPolicy policy) {
        return policy.categories().stream()
                .filter(Category::required)
                .map(Category::id)
                .toList();
    }

    static long daysLeft(Cookie cookie) {
        return Duration.between(Instant.now(), Instant.ofEpochSecond(cookie.expires.longValue()))
                .toDays();
    }
}
