/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet.parity;

/** Forged tokens for the tests: a genuine token with one signature character changed. */
public final class Forgery {

    private Forgery() {}

    /**
     * {@code signed} (a parent link, a receipt, anything ending in a base64url signature) with its fifth
     * character from the end changed. That character always carries signature bits, where the last ones
     * may carry only padding bits, so the forgery never verifies by chance.
     */
    public static String forged(String signed) {
        int at = signed.length() - 5;
        return signed.substring(0, at) + (signed.charAt(at) == 'A' ? 'B' : 'A') + signed.substring(at + 1);
    }
}
