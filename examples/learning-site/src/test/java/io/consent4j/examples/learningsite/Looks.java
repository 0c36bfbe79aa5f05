/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import com.microsoft.playwright.Locator;
import java.util.Map;

/** How a control looks to a visitor, compared between "accept" and "reject" (C4, C5). */
final class Looks {

    private Looks() {}

    /** Element type, size, font, weight and colours of {@code control}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Locator control) {
        return (Map<String, Object>)
                control.evaluate("b => { const s = getComputedStyle(b), r = b.getBoundingClientRect();"
                        + " return { tag: b.tagName, width: Math.round(r.width), height: Math.round(r.height),"
                        + " fontSize: s.fontSize, fontWeight: s.fontWeight, fontFamily: s.fontFamily,"
                        + " color: s.color, background: s.backgroundColor }; }");
    }

    /** The WCAG contrast ratio of a control's text against its background. */
    static double contrast(Locator control) {
        return ((Number) control.evaluate("b => { const s = getComputedStyle(b);"
                        + " const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);"
                        + " const lum = c => { const [r, g, bl] = rgb(c).map(v => { v /= 255;"
                        + " return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });"
                        + " return 0.2126 * r + 0.7152 * g + 0.0722 * bl; };"
                        + " const a = lum(s.color), c = lum(s.backgroundColor);"
                        + " return (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05); }"))
                .doubleValue();
    }
}
