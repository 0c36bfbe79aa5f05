/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the banner's {@code consent.js} and {@code consent.css} live, for servers that serve them and
 * templates that link them. The files sit in this jar under {@code META-INF/resources}, so Servlet
 * containers and Spring Boot serve them as static content at {@link #SCRIPT_PATH} and
 * {@link #STYLESHEET_PATH}, relative to the context path. The path carries the library version, so a
 * new release is never mixed up with a cached copy of an old one; the files may be cached for a year.
 */
public final class BannerAssets {

    /** The version of this jar, which is part of every path below, such as {@code 0.1.0}. */
    public static final String VERSION = readVersion();

    /** The URL path of the directory holding both files, without a trailing slash. */
    public static final String BASE_PATH = "/consent4j/" + VERSION;

    /** The URL path of the script, relative to the context path. */
    public static final String SCRIPT_PATH = BASE_PATH + "/consent.js";

    /**
     * The URL path of the Google Consent Mode script, relative to the context path: a small script that
     * sets the Consent Mode defaults from the data block before any tag runs, so that the main script can
     * be deferred. Only pages of a policy with Consent Mode need it.
     */
    public static final String CONSENT_MODE_PATH = BASE_PATH + "/consent-mode.js";

    /** The URL path of the stylesheet, relative to the context path. */
    public static final String STYLESHEET_PATH = BASE_PATH + "/consent.css";

    /** The directory in the jar that Servlet containers serve as static content. */
    public static final String RESOURCE_ROOT = "META-INF/resources";

    /** The class-path resource name of the script, for servers that serve it themselves. */
    public static final String SCRIPT_RESOURCE = RESOURCE_ROOT + SCRIPT_PATH;

    /** The class-path resource name of the Google Consent Mode script. */
    public static final String CONSENT_MODE_RESOURCE = RESOURCE_ROOT + CONSENT_MODE_PATH;

    /** The class-path resource name of the stylesheet. */
    public static final String STYLESHEET_RESOURCE = RESOURCE_ROOT + STYLESHEET_PATH;

    /**
     * The id of the {@code <script type="application/json">} data block in which a server may embed the
     * banner's JSON; the script then makes no request for it.
     */
    public static final String CONFIG_ELEMENT_ID = "consent4j-config";

    /** The default URL of the visitor endpoint, used when the script tag has no {@code data-endpoint}. */
    public static final String DEFAULT_ENDPOINT = "/consent";

    private BannerAssets() {}

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = BannerAssets.class.getResourceAsStream("banner-assets.properties")) {
            if (in == null) {
                throw new IllegalStateException("banner-assets.properties is missing from the consent4j assets jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read banner-assets.properties", e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.startsWith("${")) {
            throw new IllegalStateException("banner-assets.properties holds no version: '" + version + "'");
        }
        return version;
    }
}
