/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.presets;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.PolicyJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Ready-made consent policies for five German learning platforms, each mapped from the platform's own
 * privacy policy (see this module's README for what each preset declares and where it departs from the
 * source text). A site starts from a preset and replaces the assumed providers with its own.
 *
 * <p>Where a source text claims consent by mere use of the site ("Durch die Nutzung dieser Website
 * stimmen Sie … zu"), the preset replaces it with a real opt-in: nothing optional is active before the
 * visitor chooses (C1, C3), and a material change asks again (C17).
 *
 * <pre>{@code
 * ConsentPolicy policy = Presets.load("valenumera");
 * }</pre>
 */
public final class Presets {

    private static final List<String> NAMES =
            List.of("valenumera", "calyptenora", "asmeronexa", "fluxariont", "dravoiqent");

    private Presets() {}

    /** The names of the presets, in a fixed order. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Reads and validates the preset called {@code name}, strictly: every text is in German and English.
     *
     * @throws IllegalArgumentException when no preset has that name; the message lists the known ones
     */
    public static ConsentPolicy load(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; known presets: " + NAMES);
        }
        String resource = name + ".json";
        try (InputStream json = Presets.class.getResourceAsStream(resource)) {
            if (json == null) {
                throw new IllegalStateException("preset resource " + resource + " is missing from the classpath");
            }
            // Strict: a preset with a text missing in German or English does not load at all (C11).
            return PolicyJson.readStrict(json);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read preset " + resource, e);
        }
    }
}
