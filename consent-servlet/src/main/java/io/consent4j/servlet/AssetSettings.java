/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

/**
 * How {@link ConsentSettings} put consent4j's own elements on a page: where the banner's assets are
 * served, and the request attribute that holds the nonce their script elements carry.
 *
 * @param path where the banner's {@code consent.js} and {@code consent.css} are served below the context
 *     path
 * @param cspNonceAttribute {@value ConsentSettings#CSP_NONCE_ATTRIBUTE}, or null for no nonce
 */
record AssetSettings(String path, String cspNonceAttribute) {

    /** The asset settings among {@code v}. */
    static AssetSettings of(SettingsValues v) {
        return new AssetSettings(v.assetsPath, v.cspNonceAttribute);
    }
}
