/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.benchmarks.FirstPaint.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table {@link FirstPaint} prints: quartiles of each variant's times and of ratios taken within each
 * round (both loads of a ratio ran one after the other, so a busy moment of the machine hits both). A row
 * whose variants did not run is left out.
 */
final class FirstPaintReport {

    private final Map<Variant, List<double[]>> results;

    FirstPaintReport(Map<Variant, List<double[]>> results) {
        this.results = results;
    }

    void print() {
        System.out.printf(Locale.ROOT, "%-56s %9s %9s %9s%n", "", "p25", "median", "p75");
        row("FCP, first visit (banner) [ms]", fcp(Variant.BANNER));
        row("banner visible, first visit [ms]", visible(Variant.BANNER));
        row("banner painted (element timing), first visit [ms]", painted(Variant.BANNER));
        row("FCP, chosen (no banner) [ms]", fcp(Variant.NO_BANNER));
        row("FCP, chosen, without consent.js/css [ms]", fcp(Variant.NO_ASSETS));
        row("FCP, chosen, same-size deferred script instead [ms]", fcp(Variant.DEFERRED));
        row("banner visible / FCP no banner (per round)", ratio(visible(Variant.BANNER), fcp(Variant.NO_BANNER)));
        row("banner visible / FCP same page (per round)", ratio(visible(Variant.BANNER), fcp(Variant.BANNER)));
        row("banner painted / FCP no banner (per round)", ratio(painted(Variant.BANNER), fcp(Variant.NO_BANNER)));
        row("FCP first visit / FCP no banner (per round)", ratio(fcp(Variant.BANNER), fcp(Variant.NO_BANNER)));
        row("FCP no banner / FCP no assets (per round)", ratio(fcp(Variant.NO_BANNER), fcp(Variant.NO_ASSETS)));
        row("FCP no banner / FCP deferred script (per round)", ratio(fcp(Variant.NO_BANNER), fcp(Variant.DEFERRED)));
        row("FCP deferred script / FCP no assets (per round)", ratio(fcp(Variant.DEFERRED), fcp(Variant.NO_ASSETS)));
        experiment("defer consent.js", Variant.DEFER_JS_BANNER, Variant.DEFER_JS);
        experiment("defer + inline consent.css", Variant.INLINE_CSS_BANNER, Variant.INLINE_CSS);
        experiment("defer + preload css, link at </body>", Variant.PRELOAD_CSS_BANNER, Variant.PRELOAD_CSS);
    }

    private void experiment(String name, Variant firstVisit, Variant chosen) {
        if (!results.containsKey(firstVisit) && !results.containsKey(chosen)) {
            return;
        }
        System.out.println("experiment: " + name);
        row("  FCP, chosen [ms]", fcp(chosen));
        row("  FCP, chosen / FCP deferred script (per round)", ratio(fcp(chosen), fcp(Variant.DEFERRED)));
        row("  FCP, first visit [ms]", fcp(firstVisit));
        row("  banner visible [ms]", visible(firstVisit));
        row("  banner painted [ms]", painted(firstVisit));
        row("  banner visible / FCP chosen, same markup (per round)", ratio(visible(firstVisit), fcp(chosen)));
        row("  banner painted / FCP chosen, same markup (per round)", ratio(painted(firstVisit), fcp(chosen)));
        row("  banner painted / FCP deferred script (per round)", ratio(painted(firstVisit), fcp(Variant.DEFERRED)));
    }

    private double[] fcp(Variant variant) {
        return column(variant, 0);
    }

    private double[] visible(Variant variant) {
        return column(variant, 1);
    }

    private double[] painted(Variant variant) {
        return column(variant, 2);
    }

    private double[] column(Variant variant, int index) {
        List<double[]> rows = results.get(variant);
        return rows == null ? null : rows.stream().mapToDouble(r -> r[index]).toArray();
    }

    private static double[] ratio(double[] a, double[] b) {
        if (a == null || b == null) {
            return null;
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    private static void row(String label, double[] values) {
        if (values == null) {
            return;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%-56s %9.2f %9.2f %9.2f%n",
                label,
                quantile(sorted, 0.25),
                quantile(sorted, 0.5),
                quantile(sorted, 0.75));
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
