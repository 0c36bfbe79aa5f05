/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long a cookie lives: {@code "session"} (until the browser closes) or an ISO-8601 period or
 * duration such as {@code "P13M"}, {@code "P1Y"}, {@code "P30D"} or {@code "PT30M"}.
 *
 * @param value the lifetime as written in the policy
 */
public record CookieLifetime(String value) {

    /** A cookie that lives until the browser session ends. */
    public static final CookieLifetime SESSION = new CookieLifetime("session");

    private static final long DAYS_PER_100_YEARS = 36_525;

    /** Validates and normalizes the lifetime. */
    public CookieLifetime {
        if (value == null || value.isBlank()) {
            throw PolicyValidationException.of(
                    "", "lifetime must not be blank; use 'session' or an ISO-8601 period like 'P13M'");
        }
        value = value.strip();
        if (value.equalsIgnoreCase("session")) {
            value = "session";
        } else {
            value = value.toUpperCase(Locale.ROOT);
            Duration parsed = parse(value);
            if (parsed == null) {
                throw PolicyValidationException.of(
                        "",
                        "'" + value
                                + "' is not a lifetime; use 'session' or an ISO-8601 period like 'P13M', 'P30D' or 'PT30M'");
            }
            if (parsed.isZero() || parsed.isNegative() || parsed.toDays() > DAYS_PER_100_YEARS) {
                throw PolicyValidationException.of(
                        "", "lifetime '" + value + "' must be positive and at most 100 years");
            }
        }
    }

    /** Parses a lifetime; see the type's documentation for the forms accepted. */
    public static CookieLifetime of(String value) {
        return new CookieLifetime(value);
    }

    /** Whether the cookie is deleted when the browser session ends. */
    public boolean isSession() {
        return value.equals("session");
    }

    /**
     * The lifetime as a duration, counting a month as 30.44 days and a year as 365.25 days; zero for
     * session cookies.
     */
    public Duration approximateDuration() {
        return isSession() ? Duration.ZERO : parse(value);
    }

    private static Duration parse(String value) {
        try {
            if (value.startsWith("PT") || value.contains("T")) {
                return Duration.parse(value);
            }
            Period period = Period.parse(value);
            long days = period.getYears() * 36_525L / 100 + period.getMonths() * 3_044L / 100 + period.getDays();
            if (period.getYears() < 0 || period.getMonths() < 0 || period.getDays() < 0) {
                return Duration.ofDays(-1);
            }
            return Duration.ofDays(days);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * A short human-readable form in the language of {@code locale} ({@code "de"}, {@code "pl-PL"}, …):
     * {@code "13 Monate"}, {@code "13 months"}, {@code "2 lata"}, {@code "20 de luni"}, {@code "Sitzung"}.
     * Each of the built-in languages ({@link BannerText#BUILT_IN_LANGUAGES}) is spoken, with the noun form
     * the number requires by the language's CLDR plural rules; any other language, or none, gets English.
     * A lifetime given in whole years, months or days is told in that unit; any other in the largest of
     * days, hours, minutes and seconds it reaches, rounded down.
     */
    public String describe(String locale) {
        String language = language(locale);
        if (isSession()) {
            return LifetimeForms.of(language).session();
        }
        if (!value.contains("T")) {
            Period period = Period.parse(value);
            if (period.getYears() > 0 && period.getMonths() == 0 && period.getDays() == 0) {
                return LifetimeForms.count(language, period.getYears(), "year");
            }
            if (period.getYears() == 0 && period.getDays() == 0) {
                return LifetimeForms.count(language, period.getMonths(), "month");
            }
            if (period.getYears() == 0 && period.getMonths() == 0) {
                return LifetimeForms.count(language, period.getDays(), "day");
            }
        }
        Duration duration = approximateDuration();
        if (duration.toDays() >= 1) {
            return LifetimeForms.count(language, duration.toDays(), "day");
        }
        if (duration.toHours() >= 1) {
            return LifetimeForms.count(language, duration.toHours(), "hour");
        }
        if (duration.toMinutes() >= 1) {
            return LifetimeForms.count(language, duration.toMinutes(), "minute");
        }
        return LifetimeForms.count(language, duration.toSeconds(), "second");
    }

    /** The language subtag of a locale such as {@code "pt-BR"} or {@code "de_AT"}, lower case; "" for none. */
    private static String language(String locale) {
        if (locale == null) {
            return "";
        }
        String lower = locale.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < lower.length() && lower.charAt(end) >= 'a' && lower.charAt(end) <= 'z') {
            end++;
        }
        return lower.substring(0, end);
    }

    @Override
    public String toString() {
        return value;
    }
}
