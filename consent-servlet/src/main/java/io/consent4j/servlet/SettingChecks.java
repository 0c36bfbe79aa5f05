/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.time.Duration;

/**
 * The checks that settings of many kinds share, each failing with an {@link IllegalArgumentException}
 * that names the property and the bad value, as both front doors report it.
 */
final class SettingChecks {

    private SettingChecks() {}

    /** Checks a path such as {@code /consent}: a leading slash, no trailing slash, no wildcard. */
    static String path(String name, String value) {
        if (value == null
                || !value.startsWith("/")
                || value.endsWith("/")
                || value.contains("*")
                || value.contains("//")) {
            throw bad(name, value, "is not a path such as /consent (leading slash, no trailing slash, no wildcard)");
        }
        return value;
    }

    /** Checks that a duration is longer than zero. */
    static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw bad(name, value, "must be a positive duration such as 1d, 30s or PT1M");
        }
        return value;
    }

    /** A value without its surrounding blanks; null when nothing else is left. */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The error of a bad value: {@code name 'value' problem}. */
    static IllegalArgumentException bad(String name, Object value, String problem) {
        return new IllegalArgumentException(name + " '" + value + "' " + problem);
    }
}
