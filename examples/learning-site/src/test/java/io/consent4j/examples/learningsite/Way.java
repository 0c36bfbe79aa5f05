/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import java.util.List;

/** How a visitor comes: with or without JavaScript, reading German or English pages. */
record Way(boolean script, String lang) {

    static List<Way> all() {
        return List.of(new Way(true, "de"), new Way(true, "en"), new Way(false, "de"), new Way(false, "en"));
    }

    @Override
    public String toString() {
        return (script ? "with JavaScript" : "without JavaScript") + ", " + lang;
    }
}
