/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.token.AgeBand;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The site's hook that tells the {@link ConsentFilter} what it knows of a visitor's age (GDPR Art. 8,
 * C28), for example {@link AgeBand#UNKNOWN} in a child-facing area, or {@link AgeBand#UNDER_16} for a
 * signed-in pupil. The filter calls it once per request, on the request thread, before it decides.
 *
 * <p>Implementations must be thread-safe and quick: they run on every request the filter sees.
 * Returning {@code null} means the same as {@link AgeBand#UNSPECIFIED}. Exceptions are not caught: they
 * fail the request, since a broken hook is a site bug that should be seen, not hidden.
 */
@FunctionalInterface
public interface AgeBandResolver {

    /** The resolver used unless the site sets one: every visitor is {@link AgeBand#UNSPECIFIED}. */
    AgeBandResolver UNSPECIFIED = request -> AgeBand.UNSPECIFIED;

    /** What the site knows of the age of the visitor who sent {@code request}. */
    AgeBand resolve(HttpServletRequest request);
}
