/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

/**
 * Makes text that came from a request safe to quote in a problem detail or a log line: a visitor or
 * auditor controls it, so it must neither break the line nor fill it.
 */
final class QuotedInput {

    /** The most characters quoted before the text is cut. */
    static final int MAX_CHARS = 60;

    private QuotedInput() {}

    /** {@code text} with every character outside printable ASCII as {@code ?}, cut after 60 characters. */
    static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > MAX_CHARS ? printable.substring(0, MAX_CHARS) + "…" : printable;
    }
}
