/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import jakarta.servlet.http.HttpServletRequest;

/** The two page languages; anything but {@code ?lang=en} is German. */
final class Language {

    private Language() {}

    static String of(HttpServletRequest request) {
        return "en".equals(request.getParameter("lang")) ? "en" : "de";
    }
}
