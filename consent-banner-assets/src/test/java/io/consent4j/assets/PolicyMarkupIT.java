/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.consent4j.core.policy.BannerText;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.PolicyJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A policy whose every text (banner texts, category labels and descriptions, service names, providers
 * and purposes, cookie descriptions) holds markup that would end or re-open a script element, on a page
 * that embeds the configuration as a data block: the banner shows the texts as text, the page after the
 * block is there, and no injected script runs (C1, C4, C7).
 */
class PolicyMarkupIT extends BrowserTest {

    /** {@code <!--<script>} puts the HTML parser into "script data double escaped". */
    static final String OPEN = "<!--<script>";

    static final String CLOSE = "</script><script>window.__pwned=1</script>";

    static TestSite hostile;

    @BeforeAll
    static void startHostileSite() throws Exception {
        hostile = new TestSite(withMarkupInEveryText(TestSite.policy()));
    }

    @AfterAll
    static void stopHostileSite() throws Exception {
        if (hostile != null) {
            hostile.stop();
            hostile = null;
        }
    }

    /** The text that the policy holds for {@code what}. */
    static String text(String what) {
        return OPEN + what + CLOSE;
    }

    /** {@code policy} with every text replaced by {@link #text} of the field (and id) it is for. */
    static ConsentPolicy withMarkupInEveryText(ConsentPolicy policy) {
        ObjectNode tree = PolicyJson.tree(policy);
        Set<String> locales = policy.locales();
        for (JsonNode category : tree.get("categories")) {
            String id = category.get("id").stringValue();
            localized((ObjectNode) category, "label", "label " + id, locales);
            localized((ObjectNode) category, "description", "description " + id, locales);
        }
        for (JsonNode service : tree.get("services")) {
            String id = service.get("id").stringValue();
            ((ObjectNode) service).put("name", text("name " + id));
            ((ObjectNode) service).put("provider", text("provider " + id));
            localized((ObjectNode) service, "purpose", "purpose " + id, locales);
            for (JsonNode cookie : service.get("cookies")) {
                localized(
                        (ObjectNode) cookie,
                        "description",
                        "cookie " + cookie.get("name").stringValue(),
                        locales);
            }
        }
        ObjectNode texts = tree.putObject("texts");
        for (String locale : locales) {
            ObjectNode perLocale = texts.putObject(locale);
            for (BannerText key : BannerText.values()) {
                perLocale.put(key.key(), text(key.key()));
            }
        }
        return ConsentPolicy.fromJson(tree.toString());
    }

    private static void localized(ObjectNode holder, String field, String what, Set<String> locales) {
        ObjectNode texts = holder.putObject(field);
        locales.forEach(locale -> texts.put(locale, text(what)));
    }

    private Locator exactly(Locator scope, String text) {
        return scope.getByText(text, new Locator.GetByTextOptions().setExact(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"embed", "embed&csp"})
    void c1c4c7MarkupInEveryPolicyTextIsShownAsTextAndRunsNothing(String options) {
        page.navigate(hostile.page("de", options.split("&")));

        // The page after the data block was parsed as a page: the head's scripts and the whole body.
        assertThat(page.locator("h1")).hasText("Kurs: Einführung in die Statistik");
        assertThat(page.locator("#lesson")).isVisible();
        assertThat(page.locator("#withdraw")).isVisible();
        assertThat(page.locator("script[type='text/plain'][data-consent]")).hasCount(3);
        assertThat(page.locator("#consent4j-config")).hasCount(1);
        assertThat(js("() => document.getElementById('consent4j-config').nextElementSibling.src"))
                .asString()
                .endsWith("/consent.js");
        assertThat(js("() => JSON.parse(document.getElementById('consent4j-config').textContent).texts.title"))
                .isEqualTo(text("title"));

        waitReady();

        // The banner: its title, text and the equal buttons of the first layer, with the markup as text.
        assertThat(bar()).isVisible();
        assertThat(page.locator("#c4j-t")).hasText(text("title"));
        assertThat(page.locator("#c4j-d")).hasText(text("description"));
        assertThat(button(bar(), text("acceptAll"))).isVisible();
        assertThat(button(bar(), text("rejectAll"))).isVisible();
        assertThat(button(bar(), text("settings"))).isVisible();
        assertThat(exactly(bar(), text("privacyPolicy"))).isVisible();
        assertThat(page.locator(".c4j-ph")).containsText(text("embedPlaceholder"));

        // The settings layer: every category, service and cookie text, as text.
        button(bar(), text("settings")).click();
        assertThat(dialog()).isVisible();
        assertThat(exactly(dialog(), text("settingsTitle"))).isVisible();
        for (String category : List.of("necessary", "functional", "analytics", "marketing")) {
            assertThat(exactly(dialog(), text("label " + category))).isVisible();
            assertThat(exactly(dialog(), text("description " + category))).isVisible();
        }
        exactly(dialog(), text("services") + " (2)").click();
        assertThat(exactly(dialog(), text("name matomo") + " · " + text("provider matomo")))
                .isVisible();
        assertThat(exactly(dialog(), text("purpose") + ": " + text("purpose matomo")))
                .isVisible();
        assertThat(exactly(dialog(), text("cookie _pk_id.*"))).isVisible();
        assertThat(button(dialog(), text("save"))).isVisible();
        button(dialog(), text("close")).click();
        assertThat(dialog()).isHidden();

        // The buttons work: rejecting posts to the endpoint of the same policy.
        Map<String, Object> state =
                change(() -> button(bar(), text("rejectAll")).click());
        assertThat(state.get("state")).isEqualTo("decided");

        // Nothing ran that the page did not hold as a script of its own.
        assertThat(js("() => typeof window.__pwned")).isEqualTo("undefined");
        assertThat(js("() => [...document.scripts].filter(s => s.id !== 'consent4j-config'"
                        + " && s.textContent.includes('__pwned')).length"))
                .isEqualTo(0);
        assertThat(js("() => window.cspViolations")).isEqualTo(List.of());
        assertThat(problems).isEmpty();
    }
}
