/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import com.microsoft.playwright.Locator;
import java.util.List;

/**
 * How the settings layer's cookie tables read: every word of a visible cell on one line, no cell and no
 * dialog wider than its box. A word broken over two lines has two client rects, which a {@code Range}
 * around it gives; a break after a hyphen ("Kursvideo-|Player") is a break between words.
 */
final class CookieTables {

    private CookieTables() {}

    /** One line per word broken inside a cell, per cell overflowing, and for a sideways scroll. */
    private static final String PROBLEMS = """
            dialog => {
              const problems = [];
              const hidden = cell => {
                const head = cell.closest('thead');
                // On narrow screens the header row is visually hidden (1 px) and the cells are labelled.
                return !cell.getClientRects().length || (head && head.getBoundingClientRect().width <= 1);
              };
              for (const cell of dialog.querySelectorAll('.c4j-tbl th, .c4j-tbl td')) {
                if (hidden(cell)) continue;
                const style = getComputedStyle(cell);
                if (style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere') {
                  problems.push('cell "' + cell.textContent + '" may break anywhere: word-break '
                      + style.wordBreak + ', overflow-wrap ' + style.overflowWrap);
                }
                if (cell.scrollWidth > cell.clientWidth + 1) {
                  problems.push('cell "' + cell.textContent + '" overflows its box');
                }
                const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = texts.nextNode(); node; node = texts.nextNode()) {
                  const words = /[^\\s-]+-?|-/g;
                  for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
                    const range = document.createRange();
                    range.setStart(node, m.index);
                    range.setEnd(node, m.index + m[0].length);
                    const lines = [...range.getClientRects()].filter(r => r.width > 0).length;
                    if (lines > 1) problems.push('"' + m[0] + '" broken over ' + lines + ' lines in "'
                        + cell.textContent + '"');
                  }
                }
              }
              if (dialog.scrollWidth > dialog.clientWidth + 1) {
                const edge = dialog.getBoundingClientRect().right;
                const wide = [...dialog.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 1);
                const deepest = wide.filter(e => !wide.some(o => o !== e && e.contains(o))).slice(0, 3);
                problems.push('the settings layer scrolls sideways, past its edge: ' + deepest
                    .map(e => e.tagName.toLowerCase() + '.' + e.className + ' "' + e.textContent.slice(0, 60) + '"')
                    .join(', '));
              }
              return problems;
            }
            """;

    /**
     * The problems of the tables in the open settings {@code dialog}; opens every service list first so
     * that every table is laid out.
     */
    @SuppressWarnings("unchecked")
    static List<String> problems(Locator dialog) {
        dialog.locator("details").evaluateAll("all => all.forEach(d => d.open = true)");
        return (List<String>) dialog.evaluate(PROBLEMS);
    }
}
