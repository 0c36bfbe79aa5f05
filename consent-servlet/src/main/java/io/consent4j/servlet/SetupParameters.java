/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static io.consent4j.servlet.ConsentServletSetup.ACCOUNT_CHECK_INTERVAL;
import static io.consent4j.servlet.ConsentServletSetup.ACCOUNT_RESTORE;
import static io.consent4j.servlet.ConsentServletSetup.AUDIT_MAX_RANGE;
import static io.consent4j.servlet.ConsentServletSetup.AUDIT_PATH;
import static io.consent4j.servlet.ConsentServletSetup.AUDIT_TOKEN_HASHES;
import static io.consent4j.servlet.ConsentServletSetup.COOKIE_DOMAIN;
import static io.consent4j.servlet.ConsentServletSetup.COOKIE_KEYS;
import static io.consent4j.servlet.ConsentServletSetup.COOKIE_NAME;
import static io.consent4j.servlet.ConsentServletSetup.COOKIE_PATH;
import static io.consent4j.servlet.ConsentServletSetup.COOKIE_SECURE;
import static io.consent4j.servlet.ConsentServletSetup.CSP_NONCE_ATTRIBUTE;
import static io.consent4j.servlet.ConsentServletSetup.DEV_MODE;
import static io.consent4j.servlet.ConsentServletSetup.ENDPOINT_PATH;
import static io.consent4j.servlet.ConsentServletSetup.FILTER_ENABLED;
import static io.consent4j.servlet.ConsentServletSetup.FILTER_PATTERNS;
import static io.consent4j.servlet.ConsentServletSetup.LEDGER_INITIALIZE_SCHEMA;
import static io.consent4j.servlet.ConsentServletSetup.LEDGER_JNDI_NAME;
import static io.consent4j.servlet.ConsentServletSetup.LEDGER_PATH;
import static io.consent4j.servlet.ConsentServletSetup.LEDGER_RETENTION;
import static io.consent4j.servlet.ConsentServletSetup.LEDGER_RETENTION_INTERVAL;
import static io.consent4j.servlet.ConsentServletSetup.LEDGER_STORE;
import static io.consent4j.servlet.ConsentServletSetup.PARENTAL_LINK_LIFETIME;
import static io.consent4j.servlet.ConsentServletSetup.POLICY_LOCATION;
import static io.consent4j.servlet.ConsentServletSetup.POLICY_STRICT;
import static io.consent4j.servlet.ConsentServletSetup.RATE_POSTS;
import static io.consent4j.servlet.ConsentServletSetup.RATE_WINDOW;
import static io.consent4j.servlet.ConsentServletSetup.RECEIPT_KEY;
import static io.consent4j.servlet.ConsentServletSetup.RECEIPT_KEY_ID;
import static io.consent4j.servlet.ConsentServletSetup.UNDECLARED;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code consent4j.*} parameters of {@link ConsentServletSetup} into {@link ConsentSettings}:
 * lists are comma-separated, durations ISO-8601 or Spring Boot's short form, choices case-insensitive. A
 * value that is not of its kind fails with an {@link IllegalArgumentException} naming the parameter.
 */
final class SetupParameters {

    /** Spring Boot's short form of a duration: a whole number and a unit. */
    private static final Pattern SIMPLE_DURATION = Pattern.compile("([-+]?\\d+)(ns|us|ms|s|m|h|d)");

    private SetupParameters() {}

    /** Sets on {@code settings} every parameter that {@code config} (name to stripped value or null) has. */
    static void apply(Function<String, String> config, ConsentSettingsBuilder settings) {
        set(config, DEV_MODE, v -> settings.devMode(bool(DEV_MODE, v)));
        set(config, POLICY_LOCATION, settings::policyLocation);
        set(config, POLICY_STRICT, v -> settings.policyStrict(bool(POLICY_STRICT, v)));
        set(config, COOKIE_KEYS, v -> settings.cookieKeys(list(v)));
        set(config, COOKIE_NAME, settings::cookieName);
        set(config, COOKIE_SECURE, v -> settings.cookieSecure(bool(COOKIE_SECURE, v)));
        set(config, COOKIE_DOMAIN, settings::cookieDomain);
        set(config, COOKIE_PATH, settings::cookiePath);
        set(config, UNDECLARED, v -> settings.undeclaredCookies(choice(UNDECLARED, v, UndeclaredCookies.class)));
        set(config, RECEIPT_KEY, settings::receiptKey);
        set(config, RECEIPT_KEY_ID, settings::receiptKeyId);
        set(
                config,
                LEDGER_STORE,
                v -> settings.ledgerStore(choice(LEDGER_STORE, v, ConsentSettings.LedgerStore.class)));
        set(config, LEDGER_PATH, v -> settings.ledgerPath(path(LEDGER_PATH, v)));
        set(config, LEDGER_JNDI_NAME, settings::ledgerJndiName);
        set(
                config,
                LEDGER_INITIALIZE_SCHEMA,
                v -> settings.initializeSchema(
                        choice(LEDGER_INITIALIZE_SCHEMA, v, ConsentSettings.SchemaInitialization.class)));
        set(config, LEDGER_RETENTION, v -> settings.retention(duration(LEDGER_RETENTION, v)));
        set(config, LEDGER_RETENTION_INTERVAL, v -> settings.retentionInterval(duration(LEDGER_RETENTION_INTERVAL, v)));
        set(config, PARENTAL_LINK_LIFETIME, v -> settings.parentalLinkLifetime(duration(PARENTAL_LINK_LIFETIME, v)));
        set(config, FILTER_ENABLED, v -> settings.filterEnabled(bool(FILTER_ENABLED, v)));
        set(config, FILTER_PATTERNS, v -> settings.filterUrlPatterns(list(v)));
        set(config, ENDPOINT_PATH, settings::endpointPath);
        set(config, RATE_POSTS, v -> settings.rateLimitPosts(integer(RATE_POSTS, v)));
        set(config, RATE_WINDOW, v -> settings.rateLimitWindow(duration(RATE_WINDOW, v)));
        set(config, AUDIT_PATH, settings::auditPath);
        set(config, AUDIT_TOKEN_HASHES, v -> settings.auditTokenHashes(list(v)));
        set(config, AUDIT_MAX_RANGE, v -> settings.auditMaxRange(duration(AUDIT_MAX_RANGE, v)));
        set(config, CSP_NONCE_ATTRIBUTE, settings::cspNonceAttribute);
        set(config, ACCOUNT_RESTORE, v -> settings.accountRestore(bool(ACCOUNT_RESTORE, v)));
        set(config, ACCOUNT_CHECK_INTERVAL, v -> settings.accountCheckInterval(duration(ACCOUNT_CHECK_INTERVAL, v)));
    }

    private static void set(Function<String, String> config, String name, Consumer<String> setter) {
        String value = config.apply(name);
        if (value != null) {
            setter.accept(value);
        }
    }

    /** The non-blank items of a comma-separated list, stripped. */
    static List<String> list(String value) {
        List<String> values = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private static boolean bool(String name, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw SettingChecks.bad(name, value, "is not true or false");
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw SettingChecks.bad(name, value, "is not a whole number");
        }
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw SettingChecks.bad(name, value, "is not a file path: " + e.getMessage());
        }
    }

    /** An ISO-8601 duration ({@code PT1M}, {@code P400D}) or Spring Boot's short form ({@code 30s}, {@code 1d}). */
    static Duration duration(String name, String value) {
        Matcher simple = SIMPLE_DURATION.matcher(value);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            ChronoUnit unit = switch (simple.group(2)) {
                case "ns" -> ChronoUnit.NANOS;
                case "us" -> ChronoUnit.MICROS;
                case "ms" -> ChronoUnit.MILLIS;
                case "s" -> ChronoUnit.SECONDS;
                case "m" -> ChronoUnit.MINUTES;
                case "h" -> ChronoUnit.HOURS;
                default -> ChronoUnit.DAYS;
            };
            return Duration.of(amount, unit);
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw SettingChecks.bad(name, value, "is not a duration such as 30s, 1d or PT1M");
        }
    }

    /** A choice such as {@code drop} or {@code datasource}, in any case. */
    private static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        String wanted = value.replace("-", "").replace("_", "");
        for (E constant : type.getEnumConstants()) {
            if (constant.name().replace("_", "").equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw SettingChecks.bad(name, value, "is not one of " + String.join(", ", names));
    }
}
