/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the {@link CookieInventory}: a cookie the application set that the policy does not
 * declare. Its name only, never a value.
 *
 * @param name the cookie's name, printable ASCII, at most {@link CookieInventory#MAX_NAME_LENGTH} characters
 * @param likelyCategory the category it most likely belongs in, guessed from the name
 * @param firstSeen when the filter first saw it set
 * @param lastSeen when the filter last saw it set
 * @param count how often it was set
 * @param paths the request paths (without query) it was set on, at most {@link CookieInventory#MAX_PATHS}
 * @param morePaths whether it was also set on paths not kept because the list was full
 */
record SeenCookie(
        String name,
        LikelyCategory likelyCategory,
        Instant firstSeen,
        Instant lastSeen,
        long count,
        List<String> paths,
        boolean morePaths) {

    SeenCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(likelyCategory, "likelyCategory");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        paths = List.copyOf(paths);
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }
}
