/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CookieLifetimeLanguagesTest {

    @Test
    void everyBuiltInLanguageHasEveryUnitInEveryPluralFormItsRulesCanPick_C11() {
        for (String language : BannerText.BUILT_IN_LANGUAGES) {
            LifetimeForms forms = LifetimeForms.of(language);
            assertThat(forms.session()).as(language + ".session").isNotBlank();
            // The rules look at n % 100 at most, so 0..299 reaches every category a language has.
            Set<PluralCategory> reachable = EnumSet.noneOf(PluralCategory.class);
            for (long n = 0; n < 300; n++) {
                reachable.add(PluralCategory.of(language, n));
            }
            for (String unit : LifetimeForms.UNITS) {
                for (PluralCategory category : PluralCategory.values()) {
                    String pattern = forms.pattern(unit, category);
                    if (reachable.contains(category)) {
                        assertThat(pattern)
                                .as(language + "." + unit + "." + category.key())
                                .isNotNull()
                                .contains("{n}");
                    } else {
                        assertThat(pattern)
                                .as(language + "." + unit + "." + category.key() + " is never picked")
                                .isNull();
                    }
                }
            }
        }
    }

    @Test
    void germanAndEnglishReadAsBefore_C11() {
        assertThat(CookieLifetime.of("P1Y").describe("de-DE")).isEqualTo("1 Jahr");
        assertThat(CookieLifetime.of("P2Y").describe("de_AT")).isEqualTo("2 Jahre");
        assertThat(CookieLifetime.of("PT1H").describe("de")).isEqualTo("1 Stunde");
        assertThat(CookieLifetime.of("PT5H").describe("de")).isEqualTo("5 Stunden");
        assertThat(CookieLifetime.of("PT1S").describe("de")).isEqualTo("1 Sekunde");
        assertThat(CookieLifetime.of("PT45S").describe("de")).isEqualTo("45 Sekunden");
        assertThat(CookieLifetime.of("P1M").describe("de")).isEqualTo("1 Monat");
        assertThat(CookieLifetime.of("PT1M").describe("en")).isEqualTo("1 minute");
        assertThat(CookieLifetime.of("PT2H").describe("en-GB")).isEqualTo("2 hours");
        assertThat(CookieLifetime.of("PT1S").describe("en")).isEqualTo("1 second");
        assertThat(CookieLifetime.of("P1Y6M").describe("en")).isEqualTo("547 days");
        assertThat(CookieLifetime.SESSION.describe("en")).isEqualTo("Session");
        assertThat(CookieLifetime.SESSION.describe("de-CH")).isEqualTo("Sitzung");
    }

    @Test
    void otherLanguagesAndNoLanguageGetEnglish() {
        assertThat(CookieLifetime.of("P13M").describe("ja")).isEqualTo("13 months");
        assertThat(CookieLifetime.of("P13M").describe(null)).isEqualTo("13 months");
        assertThat(CookieLifetime.of("P13M").describe("")).isEqualTo("13 months");
        assertThat(CookieLifetime.SESSION.describe("zh-Hans")).isEqualTo("Session");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # one/other languages
            en | P1Y   | 1 year
            bg | P1Y   | 1 година
            bg | P5M   | 5 месеца
            bg | PT3H  | 3 часа
            da | P2Y   | 2 år
            da | PT1H  | 1 time
            el | P2D   | 2 ημέρες
            es | P1M   | 1 mes
            es | P13M  | 13 meses
            et | P1Y   | 1 aasta
            et | P13M  | 13 kuud
            fi | P1Y   | 1 vuosi
            fi | P13M  | 13 kuukautta
            hu | P1Y   | 1 év
            hu | P13M  | 13 hónap
            it | PT1H  | 1 ora
            it | PT2H  | 2 ore
            nl | P2Y   | 2 jaar
            nl | PT2H  | 2 uur
            sv | P1D   | 1 dag
            sv | P3M   | 3 månader
            # fr and pt: 0 and 1 are singular
            fr | P1Y   | 1 an
            fr | P2Y   | 2 ans
            fr | PT0.5S | 0 seconde
            fr | P6M   | 6 mois
            pt | P1M   | 1 mês
            pt | P2M   | 2 meses
            pt-BR | PT0.5S | 0 segundo
            # cs and sk: one, few (2-4), other
            cs | P1Y   | 1 rok
            cs | P2Y   | 2 roky
            cs | P4Y   | 4 roky
            cs | P5Y   | 5 let
            cs | P22Y  | 22 let
            cs | P13M  | 13 měsíců
            sk | P1Y   | 1 rok
            sk | P2Y   | 2 roky
            sk | P5Y   | 5 rokov
            sk | P3D   | 3 dni
            sk | P30D  | 30 dní
            # pl: one, few (2-4 except 12-14 at the end), many
            pl | P1Y   | 1 rok
            pl | P2Y   | 2 lata
            pl | P5Y   | 5 lat
            pl | P12Y  | 12 lat
            pl | P21Y  | 21 lat
            pl | P22Y  | 22 lata
            pl | P13M  | 13 miesięcy
            pl | P24M  | 24 miesiące
            # hr: one (ends in 1 but not 11), few, other
            hr | P1Y   | 1 godina
            hr | P2Y   | 2 godine
            hr | P5Y   | 5 godina
            hr | P11Y  | 11 godina
            hr | P21Y  | 21 godina
            hr | P13M  | 13 mjeseci
            hr | P3M   | 3 mjeseca
            hr | P31D  | 31 dan
            # sl: one, two, few by the last two digits
            sl | P1Y   | 1 leto
            sl | P2Y   | 2 leti
            sl | P3Y   | 3 leta
            sl | P4Y   | 4 leta
            sl | P5Y   | 5 let
            sl | P101D | 101 dan
            sl | P102D | 102 dneva
            sl | P13M  | 13 mesecev
            # lt: one (ends in 1 but not 11-19), few (ends in 2-9 but not 12-19), other
            lt | P1Y   | 1 metai
            lt | P2Y   | 2 metai
            lt | P10Y  | 10 metų
            lt | P21Y  | 21 metai
            lt | P1M   | 1 mėnuo
            lt | P2M   | 2 mėnesiai
            lt | P10M  | 10 mėnesių
            lt | P13M  | 13 mėnesių
            lt | P31D  | 31 diena
            # lv: zero (ends in 0 or 11-19), one (ends in 1 but not 11), other
            lv | P1Y   | 1 gads
            lv | P2Y   | 2 gadi
            lv | P10Y  | 10 gadu
            lv | P21Y  | 21 gads
            lv | P11Y  | 11 gadu
            lv | P13M  | 13 mēnešu
            lv | P6M   | 6 mēneši
            # ro: one, few (0 and 1-19 at the end but not 1 itself), other with "de"
            ro | P1M   | 1 lună
            ro | P2M   | 2 luni
            ro | P19M  | 19 luni
            ro | P20M  | 20 de luni
            ro | P100Y | 100 de ani
            ro | P101D | 101 zile
            ro | P119D | 119 zile
            ro | P120D | 120 de zile
            ro | P200D | 200 de zile
            ro | P102D | 102 zile
            ro | P1Y   | 1 an
            # ga: one, two, few (3-6), many (7-10), other; the number mutates the noun
            ga | P1Y   | 1 bhliain
            ga | P2Y   | 2 bhliain
            ga | P3Y   | 3 bliana
            ga | P7Y   | 7 mbliana
            ga | P20Y  | 20 bliain
            ga | P1M   | 1 mhí
            ga | P6M   | 6 mhí
            ga | P13M  | 13 mí
            ga | PT3H  | 3 huaire an chloig
            ga | PT8H  | 8 n-uaire an chloig
            ga | P30D  | 30 lá
            # mt: one, two, few (3-10), many (11-19, with -il), other
            mt | P1Y   | 1 sena
            mt | P2Y   | 2 snin
            mt | P3Y   | 3 snin
            mt | P10Y  | 10 snin
            mt | P11Y  | 11-il sena
            mt | P13M  | 13-il xahar
            mt | P20Y  | 20 sena
            mt | P6M   | 6 xhur
            mt | P30D  | 30 jum
            """)
    void eachLanguageCountsWithItsOwnPluralForms_C11(String locale, String lifetime, String expected) {
        assertThat(CookieLifetime.of(lifetime).describe(locale)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "bg, Сесия", "cs, Relace", "da, Session", "el, Συνεδρία", "es, Sesión", "et, Seanss", "fi, Istunto",
        "fr, Session", "ga, Seisiún", "hr, Sesija", "hu, Munkamenet", "it, Sessione", "lt, Seansas", "lv, Sesija",
        "mt, Sessjoni", "nl, Sessie", "pl, Sesja", "pt, Sessão", "ro, Sesiune", "sk, Relácia", "sl, Seja",
        "sv, Session"
    })
    void sessionCookiesAreNamedInEachLanguage_C11(String locale, String expected) {
        assertThat(CookieLifetime.SESSION.describe(locale)).isEqualTo(expected);
    }
}
