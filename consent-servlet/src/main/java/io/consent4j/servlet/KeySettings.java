/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.SigningKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of {@link ConsentSettings}: the cookie HMAC keys, the signing one first, and the receipt key
 * with its id. {@link KeyReader} turns them into what signs; the static methods read the property values.
 *
 * @param cookieKeys {@value ConsentSettings#COOKIE_KEYS}, the signing key first; empty when none is set
 * @param receiptKey {@value ConsentSettings#RECEIPT_KEY}, base64, or null
 * @param receiptKeyId {@value ConsentSettings#RECEIPT_KEY_ID}
 */
record KeySettings(List<SigningKey> cookieKeys, String receiptKey, String receiptKeyId) {

    /** The key settings among {@code v}. */
    static KeySettings of(SettingsValues v) {
        return new KeySettings(v.cookieKeys, v.receiptKey, v.receiptKeyId);
    }

    KeySettings {
        cookieKeys = List.copyOf(cookieKeys);
    }

    /**
     * The cookie keys of {@code id:base64} entries, in order; blank entries are skipped.
     *
     * @throws IllegalArgumentException naming the entry ({@code consent4j.cookie.keys[1]}) that has no id,
     *     is not base64 or is shorter than 32 bytes
     */
    static List<SigningKey> parseCookieKeys(List<String> entries) {
        List<SigningKey> keys = new ArrayList<>();
        List<String> given = entries == null ? List.of() : entries;
        for (int i = 0; i < given.size(); i++) {
            String entry = given.get(i);
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                keys.add(SigningKey.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        ConsentSettings.COOKIE_KEYS + "[" + i + "]: " + e.getMessage() + ". "
                                + KeyReader.COOKIE_KEY_HINT,
                        e);
            }
        }
        return List.copyOf(keys);
    }

    /**
     * The receipt key id, stripped; {@link ConsentSettings#DEFAULT_RECEIPT_KEY_ID} for null.
     *
     * @throws IllegalArgumentException naming the property when it is not a valid key id
     */
    static String checkReceiptKeyId(String keyId) {
        String id = keyId == null ? ConsentSettings.DEFAULT_RECEIPT_KEY_ID : keyId.strip();
        try {
            return ReceiptSigner.checkKeyId(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ConsentSettings.RECEIPT_KEY_ID + " " + e.getMessage(), e);
        }
    }
}
