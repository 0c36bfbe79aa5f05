/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.consent4j.examples.learningsite.VisitorWayIT.COURSE;
import static io.consent4j.examples.learningsite.VisitorWayIT.SCREENSHOTS;
import static io.consent4j.examples.learningsite.VisitorWayIT.shot;
import static io.consent4j.examples.learningsite.VisitorWayIT.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.ConsentEvent;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The rest of the visitor's way under each preset, with and without JavaScript, in German and English:
 * privacy signals (C19) and Google Consent Mode (C20), the visitor's own proof (C27), and a child-facing
 * course that waits for a parent who consents on another device (C28).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("presets")
class VisitorProofIT {

    static final String CHILD_COURSE = "/kurse/bruchrechnung";

    /** Notes, in order, every {@code dataLayer} entry and every stand-in tag that runs. */
    static final String SPY = "window.seen = []; window.dataLayer = window.dataLayer || [];"
            + " const push = window.dataLayer.push.bind(window.dataLayer);"
            + " window.dataLayer.push = function (entry) { seen.push(JSON.stringify(Array.from(entry)));"
            + " return push(entry); };"
            + " window.siteRan = new Proxy([], { get(t, k) { if (k === 'push') return v => { seen.push('tag:' + v);"
            + " return t.push(v); }; return Reflect.get(t, k); } });";

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
    void signalsDenyWhatTheyObjectToAreRecordedOnceAndConsentModeFollowsTheChoice_C19_C20(Way way) {
        PresetSites.Site site = PresetSites.of(preset);
        ConsentPolicy policy = site.policy();
        List<String> objected = policy.categories().stream()
                .filter(Category::saleOrShare)
                .map(Category::id)
                .toList();

        // A signal is never read as consent.
        try (Visit v = new Visit(site, way, Map.of("Sec-GPC", "1", "DNT", "1"))) {
            v.open(COURSE);
            assertThat(v.bar()).isVisible();
            assertThat(v.state().hasNonNull("consentId")).isFalse();
            assertThat(v.ran()).isEmpty();
        }

        try (Visit v = new Visit(site, way)) {
            v.page.addInitScript(SPY);
            v.open(COURSE);
            boolean consentMode = policy.googleConsentModeEnabled();
            if (way.script()) {
                // C20: the default, everything denied, before any tag; nothing when Consent Mode is off.
                List<String> seen = seen(v.page);
                if (consentMode) {
                    assertThat(seen)
                            .first()
                            .asString()
                            .startsWith("[\"consent\",\"default\"")
                            .doesNotContain("granted");
                } else {
                    assertThat(seen).noneMatch(e -> e.contains("\"consent\""));
                }
            }
            v.firstLayer(BannerText.ACCEPT_ALL);
            v.open(COURSE);
            JsonNode state = v.state();
            if (way.script()) {
                v.page.waitForFunction("() => seen.some(e => e.startsWith('tag:'))");
                List<String> seen = seen(v.page);
                if (consentMode) {
                    // C20: on every page, the default first, then the update of the stored choice, then tags.
                    String update = "[\"consent\",\"update\","
                            + state.path("googleConsentMode").path("update") + "]";
                    assertThat(seen.get(0)).startsWith("[\"consent\",\"default\"");
                    assertThat(seen.indexOf(update))
                            .as("%s in %s", update, seen)
                            .isPositive();
                    assertThat(seen.indexOf(update)).isLessThan(firstTag(seen));
                } else {
                    assertThat(seen).noneMatch(e -> e.contains("\"consent\""));
                }
            }

            // C19: GPC, then DNT, each denies the objected categories on every page and is recorded once.
            String id = state.path("consentId").asString();
            v.context.setExtraHTTPHeaders(Map.of("Sec-GPC", "1"));
            v.open(COURSE);
            v.open("/");
            assertThat(strings(v.state().path("deniedBySignal"))).containsExactlyInAnyOrderElementsOf(objected);
            if (!objected.isEmpty()) {
                assertThat(strings(v.state().path("categories"))).doesNotContainAnyElementsOf(objected);
            }
            if (way.script() && objected.contains("marketing")) {
                assertThat(v.ran()).doesNotContain("marketing");
            }
            v.context.setExtraHTTPHeaders(Map.of("DNT", "1"));
            v.open(COURSE);
            if (!objected.isEmpty()) {
                List<ConsentRecord> records = site.history(id);
                assertThat(signalRecords(records))
                        .extracting(r -> r.content().signals())
                        .containsExactly(java.util.Set.of("gpc"), java.util.Set.of("dnt"));
                signalRecords(records)
                        .forEach(
                                r -> assertThat(r.content().grantedCategories()).doesNotContainAnyElementsOf(objected));
            } else {
                assertThat(signalRecords(site.history(id)))
                        .as("nothing to object to, nothing recorded")
                        .isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void theVisitorSeesTheirConsentIdAndDownloadsTheirHistoryAndReceipt_C27(Way way) throws Exception {
        PresetSites.Site site = PresetSites.of(preset);
        try (Visit v = new Visit(site, way)) {
            v.open("/konto");
            v.firstLayer(BannerText.ACCEPT_ALL);
            v.open("/konto");
            String id = v.state().path("consentId").asString();
            assertThat(v.page.locator("#consent-id")).hasText(id);

            Download history = v.page.waitForDownload(
                    () -> v.page.locator("#history-download").click());
            String records = Files.readString(history.path(), StandardCharsets.UTF_8);
            assertThat(records).contains(id).contains("\"given\"");
            Download receipt = v.page.waitForDownload(
                    () -> v.page.locator("#receipt-download").click());
            String body = Files.readString(receipt.path(), StandardCharsets.UTF_8);
            Matcher jws = Pattern.compile("[A-Za-z0-9_-]+\\.([A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]+")
                    .matcher(body);
            assertThat(jws.find()).as("a signed receipt in %s", body).isTrue();
            assertThat(new String(Base64.getUrlDecoder().decode(jws.group(1)), StandardCharsets.UTF_8))
                    .contains(id);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void aChildFacingCourseWaitsForAParentWhoConsentsOnAnotherDevice_C28(Way way) {
        PresetSites.Site site = PresetSites.of(preset);
        String analytics = site.embeds().analyticsCategory();
        try (Visit child = new Visit(site, way);
                Visit parent = new Visit(site, way)) {
            child.open(CHILD_COURSE);
            assertThat(child.bar()).containsText(child.t.get(BannerText.PARENTAL_CONSENT_REQUIRED));
            assertThat(child.ran()).isEmpty();
            assertThat(child.page.locator("iframe.video")).not().hasAttribute("src", Pattern.compile("/video/.*"));

            child.button(child.bar(), BannerText.PARENT_LINK).click();
            Locator field = child.page.locator("#c4j-plink");
            assertThat(field).isVisible();
            assertThat(child.page.locator("body")).containsText(child.t.get(BannerText.PARENT_LINK_READY));
            String link = field.inputValue();
            assertThat(link).startsWith(site.base() + "/consent/parent?t=");
            child.page.screenshot(
                    new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(shot(preset, "parental-1-child", way))));
            String id = child.state().path("consentId").asString();

            parent.page.navigate(link);
            assertThat(parent.page.locator("html")).hasAttribute("lang", way.lang());
            assertThat(parent.page.locator("h1"))
                    .hasText(way.lang().equals("de") ? "Einwilligung eines Elternteils" : "A parent's consent");
            Locator form = parent.page.locator("#consent4j-parent");
            assertThat(form.locator("input[type=checkbox]:not([disabled]):checked"))
                    .hasCount(0);
            assertThat(parent.axeViolations()).as("axe on the parent's page").isEmpty();
            form.locator("input[data-c='" + analytics + "']").check();
            parent.page.screenshot(new Page.ScreenshotOptions()
                    .setFullPage(true)
                    .setPath(SCREENSHOTS.resolve(shot(preset, "parental-2-parent", way))));
            form.locator("button[value=save]").click();
            assertThat(parent.page.locator("#consent4j-parent-done")).isVisible();
            assertThat(parent.cookieNames())
                    .as("the parent's device gets no cookie")
                    .isEmpty();

            child.open(CHILD_COURSE);
            assertThat(child.bar()).not().isVisible();
            assertThat(strings(child.state().path("categories"))).contains(analytics);
            if (way.script()) {
                child.page.waitForFunction("() => (window.siteRan || []).includes('analytics')");
            }
            List<ConsentRecord> history = site.history(id);
            ConsentRecord last = history.get(history.size() - 1);
            assertThat(last.content().actor()).isEqualTo(Actor.PARENT);
            assertThat(last.content().event()).isEqualTo(ConsentEvent.PARENTAL_CONSENT);
            assertThat(last.content().grantedCategories()).contains(analytics);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> seen(Page page) {
        return (List<String>) page.evaluate("() => window.seen");
    }

    private static int firstTag(List<String> seen) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).startsWith("tag:")) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static List<ConsentRecord> signalRecords(List<ConsentRecord> history) {
        return history.stream()
                .filter(r -> r.content().event() == ConsentEvent.SIGNAL_APPLIED)
                .toList();
    }
}
