/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import io.consent4j.core.policy.BannerText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C11, C12: the banner in every built-in language, on a 320 px wide screen. For each language the page
 * declares, the first layer, the first layer of a visitor under 16 and the settings layer must fit: no
 * horizontal overflow of the document or of any banner element, no button whose text is clipped, and no
 * axe-core violation. Long words (Finnish, Hungarian, German compounds) must wrap or hyphenate. Writes
 * {@code target/screenshots/lang-<code>-*.png}.
 */
class LanguagesIT extends BrowserTest {

    private static final int WIDTH = 320;

    static List<String> languages() {
        return BannerText.BUILT_IN_LANGUAGES;
    }

    @Override
    Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setViewportSize(WIDTH, 640);
    }

    @ParameterizedTest
    @MethodSource("languages")
    void c11c12EveryLanguageFitsA320PixelScreen(String lang) {
        Map<BannerText, String> texts = TestSite.policy().texts(lang);

        open(site.page(lang));
        assertThat(bar()).isVisible();
        assertThat(page.locator(".c4j-root")).hasAttribute("lang", lang);
        assertThat(button(bar(), texts.get(BannerText.REJECT_ALL))).isVisible();
        assertThat(button(bar(), texts.get(BannerText.ACCEPT_ALL))).isVisible();
        assertFits(".c4j-root", lang + " first layer");
        assertThat(Axe.violations(page)).as(lang + " first layer").isEmpty();
        screenshot("lang-" + lang + "-first-layer");

        button(bar(), texts.get(BannerText.SETTINGS)).click();
        assertThat(dialog()).isVisible();
        assertThat(dialog()).hasAttribute("lang", lang);
        dialog().locator("details").evaluateAll("ds => ds.forEach(d => d.open = true)");
        assertThat(button(dialog(), texts.get(BannerText.SAVE))).isVisible();
        assertFits("dialog.c4j-dlg", lang + " settings layer");
        assertThat(Axe.violations(page)).as(lang + " settings layer").isEmpty();
        screenshot("lang-" + lang + "-settings");

        // A visitor under 16: the parental notice and the "link for my parents" button as well (C28).
        context.setExtraHTTPHeaders(Map.of(TestSite.AGE_HEADER, "UNDER_16"));
        open(site.page(lang));
        assertThat(bar()).containsText(texts.get(BannerText.PARENTAL_CONSENT_REQUIRED));
        assertThat(button(bar(), texts.get(BannerText.PARENT_LINK))).isVisible();
        assertFits(".c4j-root", lang + " first layer under 16");
        assertThat(Axe.violations(page)).as(lang + " first layer under 16").isEmpty();
        screenshot("lang-" + lang + "-first-layer-under-16");

        assertThat(problems).isEmpty();
    }

    /**
     * Fails with every overflow in the document and below {@code selector}: an element wider inside than
     * its box, anything reaching past the screen's edge, and a button whose text is clipped either way.
     */
    private void assertFits(String selector, String what) {
        @SuppressWarnings("unchecked")
        List<String> overflows = (List<String>) page.evaluate("""
                ([selector, width]) => {
                  const found = [];
                  const doc = document.documentElement;
                  if (doc.scrollWidth > doc.clientWidth) found.push('document ' + doc.scrollWidth + ' > ' + doc.clientWidth);
                  const root = document.querySelector(selector);
                  const name = e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                    + ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
                  // Read by screen readers only (the cookie tables' column heads on a narrow screen, the
                  // status line): clipped on purpose.
                  const hidden = e => {
                    for (let a = e; a && a !== document.body; a = a.parentElement) {
                      if (getComputedStyle(a).clipPath !== 'none') return true;
                    }
                    return false;
                  };
                  for (const e of [root, ...root.querySelectorAll('*')]) {
                    const style = getComputedStyle(e);
                    if (style.display === 'none' || style.display === 'inline' || e.getClientRects().length === 0) continue;
                    if (hidden(e)) continue;
                    const r = e.getBoundingClientRect();
                    if (e.scrollWidth > e.clientWidth) found.push('overflows ' + e.scrollWidth + ' > ' + e.clientWidth + ': ' + name(e));
                    if (r.left < 0 || r.right > width) found.push('past the edge ' + r.left + '..' + r.right + ': ' + name(e));
                    if (e.tagName === 'BUTTON' && e.scrollHeight > e.clientHeight) {
                      found.push('clipped ' + e.scrollHeight + ' > ' + e.clientHeight + ': ' + name(e));
                    }
                  }
                  return found;
                }
                """, List.of(selector, WIDTH));
        assertThat(overflows).as(what).isEmpty();
    }
}
