/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The banner must stay small: consent.js, consent.css and consent-mode.js at most 8 KiB together after
 * gzip -9.
 */
class AssetBudgetTest {

    static final int BUDGET_BYTES = 8 * 1024;

    @Test
    void scriptAndStylesheetStayWithinEightKilobytesGzipped() throws IOException {
        int script = gzippedSize(BannerAssets.SCRIPT_RESOURCE);
        int stylesheet = gzippedSize(BannerAssets.STYLESHEET_RESOURCE);
        int consentMode = gzippedSize(BannerAssets.CONSENT_MODE_RESOURCE);
        int total = script + stylesheet + consentMode;
        System.out.printf(
                "consent4j banner assets, gzip -9: consent.js %d B + consent.css %d B + consent-mode.js %d B"
                        + " = %d B of %d B%n",
                script, stylesheet, consentMode, total, BUDGET_BYTES);
        assertThat(total)
                .as("gzip -9 size of consent.js + consent.css + consent-mode.js")
                .isLessThanOrEqualTo(BUDGET_BYTES);
    }

    @Test
    void theAssetsSitUnderTheVersionedPath() {
        assertThat(BannerAssets.SCRIPT_PATH).isEqualTo("/consent4j/" + BannerAssets.VERSION + "/consent.js");
        assertThat(BannerAssets.VERSION).doesNotContain("${").isNotBlank();
        assertThat(getClass().getClassLoader().getResource(BannerAssets.STYLESHEET_RESOURCE))
                .isNotNull();
    }

    /** The size as {@code gzip -9} makes it: GZIPOutputStream's deflater at the best compression level. */
    static int gzippedSize(String resource) throws IOException {
        byte[] raw;
        try (InputStream in = AssetBudgetTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            raw = in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new BestGzip(out)) {
            gzip.write(raw);
        }
        return out.size();
    }

    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(ByteArrayOutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }
}
