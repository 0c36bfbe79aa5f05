/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

/**
 * The CLDR cardinal plural categories, with the rules for whole numbers of the built-in languages
 * ({@link BannerText#BUILT_IN_LANGUAGES}), so that a count picks the noun form its language requires
 * ("2 lata" but "5 lat" in Polish). Only integers are counted here, so the categories CLDR reserves
 * for fractions (Czech, Slovak and Lithuanian "many") never occur; nor does the "many" that Spanish,
 * French and Italian use for round millions, as nothing counted here comes near a million.
 */
enum PluralCategory {
    ZERO,
    ONE,
    TWO,
    FEW,
    MANY,
    OTHER;

    /** The name CLDR gives the category, as used as a key in the lifetime forms ({@code "one"}, …). */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The category of the whole number {@code n} (zero or more) in {@code language}, a built-in language
     * code; any other language is counted as English.
     */
    static PluralCategory of(String language, long n) {
        long n10 = n % 10;
        long n100 = n % 100;
        boolean teen = n100 >= 11 && n100 <= 19;
        return switch (language) {
            // 0 and 1 take the singular.
            case "fr", "pt" -> n <= 1 ? ONE : OTHER;
            case "cs", "sk" -> n == 1 ? ONE : n >= 2 && n <= 4 ? FEW : OTHER;
            case "pl" -> n == 1 ? ONE : n10 >= 2 && n10 <= 4 && !(n100 >= 12 && n100 <= 14) ? FEW : MANY;
            case "hr" ->
                n10 == 1 && n100 != 11 ? ONE : n10 >= 2 && n10 <= 4 && !(n100 >= 12 && n100 <= 14) ? FEW : OTHER;
            case "sl" -> n100 == 1 ? ONE : n100 == 2 ? TWO : n100 == 3 || n100 == 4 ? FEW : OTHER;
            case "lt" -> n10 == 1 && !teen ? ONE : n10 >= 2 && !teen ? FEW : OTHER;
            case "lv" -> n10 == 0 || teen ? ZERO : n10 == 1 && n100 != 11 ? ONE : OTHER;
            // 101..119 are "few" too ("101 zile"): "de" links only numbers ending in 00 or 20..99.
            case "ro" -> n == 1 ? ONE : n == 0 || (n100 >= 1 && n100 <= 19) ? FEW : OTHER;
            case "ga" -> n == 1 ? ONE : n == 2 ? TWO : n >= 3 && n <= 6 ? FEW : n >= 7 && n <= 10 ? MANY : OTHER;
            case "mt" -> n == 1 ? ONE : n == 2 ? TWO : n == 0 || (n100 >= 3 && n100 <= 10) ? FEW : teen ? MANY : OTHER;
            // bg, da, de, el, en, es, et, fi, hu, it, nl, sv and anything else: only 1 is singular.
            default -> n == 1 ? ONE : OTHER;
        };
    }
}
