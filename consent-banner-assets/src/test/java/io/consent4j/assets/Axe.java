/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.stream.Collectors;

/** axe-core's WCAG 2.2 A and AA checks (C12), as every browser test of the project runs them. */
public final class Axe {

    /** The axe-core tags of WCAG 2.2 A and AA. */
    public static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private Axe() {}

    /** Every violation on the page as it is now, frames included, one line each: rule, help, where, why. */
    public static List<String> violations(Page page) {
        return lines(new AxeBuilder(page).withTags(WCAG));
    }

    /**
     * The same in the top frame only, for pages whose frames are not theirs to check (an embedded player),
     * or hold a document that never answers axe's per-frame run (a frame still waiting for consent).
     */
    public static List<String> violationsInTopFrame(Page page) {
        AxeRunOptions options = new AxeRunOptions();
        options.setIFrames(false);
        return lines(new AxeBuilder(page).withTags(WCAG).options(options).setLegacyMode(true));
    }

    private static List<String> lines(AxeBuilder axe) {
        return axe.analyze().getViolations().stream()
                .map(v -> v.getId() + ": " + v.getHelp() + " "
                        + v.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget()) + " " + n.getFailureSummary())
                                .collect(Collectors.joining("; ")))
                .toList();
    }
}
