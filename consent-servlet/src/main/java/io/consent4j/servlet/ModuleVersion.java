/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this consent-servlet jar, which {@code consent-servlet.properties} carries from the
 * build. The banner's assets are served below a path that holds it, so that a page and the
 * {@code consent-banner-assets} jar of the same release always match.
 */
final class ModuleVersion {

    private ModuleVersion() {}

    /**
     * The version, such as {@code 0.1.0}.
     *
     * @throws IllegalStateException when the jar carries no version: a broken build, never a setting
     */
    static String read() {
        Properties properties = new Properties();
        try (InputStream in = ModuleVersion.class.getResourceAsStream("consent-servlet.properties")) {
            if (in == null) {
                throw new IllegalStateException("consent-servlet.properties is missing from the consent4j servlet jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read consent-servlet.properties", e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.startsWith("${")) {
            throw new IllegalStateException("consent-servlet.properties holds no version: '" + version + "'");
        }
        return version;
    }
}
