/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.core.token.SigningKey;
import io.consent4j.core.token.SigningKeys;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the keys of {@link ConsentSettings} into what signs: the consent cookie's codec on
 * {@value ConsentSettings#COOKIE_KEYS} and the receipt signer on {@value ConsentSettings#RECEIPT_KEY}, or
 * throwaway keys in dev mode when none are set. A missing or bad key fails with a message that says how to
 * make one.
 */
final class KeyReader {

    /** The assembly's logger, under whose name an operator has always found these warnings. */
    private static final Logger LOG = LoggerFactory.getLogger(ConsentAssembly.class);

    /** How to make a cookie key, for messages. */
    static final String COOKIE_KEY_HINT = "Generate a key with 'openssl rand -base64 32' and set "
            + ConsentSettings.COOKIE_KEYS + "=k1:<that key> (for local development only: " + ConsentSettings.DEV_MODE
            + "=true)";

    /** How to make a receipt key, for messages. */
    static final String RECEIPT_KEY_HINT = "Generate an Ed25519 key with 'openssl genpkey -algorithm ed25519"
            + " -outform DER | base64' and set " + ConsentSettings.RECEIPT_KEY + "=<that key> (for local"
            + " development only: " + ConsentSettings.DEV_MODE + "=true)";

    private KeyReader() {}

    /** The cookie codec; {@link ConsentAssembly#cookieCodec(ConsentSettings)} says what fails how. */
    static CookieConsentCodec cookieCodec(ConsentSettings settings) {
        List<SigningKey> keys = settings.cookieKeys();
        if (keys.isEmpty()) {
            if (!settings.devMode()) {
                throw new IllegalStateException(ConsentSettings.COOKIE_KEYS + " is missing. " + COOKIE_KEY_HINT);
            }
            LOG.warn(
                    "consent4j DEV MODE: signing consent cookies with a THROWAWAY key; every visitor is asked"
                            + " again after a restart. Set {} in production.",
                    ConsentSettings.COOKIE_KEYS);
            return new CookieConsentCodec(SigningKeys.of(SigningKey.generate("dev")));
        }
        return new CookieConsentCodec(SigningKeys.of(keys.get(0), keys.subList(1, keys.size())));
    }

    /** The receipt signer; {@link ConsentAssembly#receiptSigner(ConsentSettings)} says what fails how. */
    static ReceiptSigner receiptSigner(ConsentSettings settings) {
        String keyId = settings.receiptKeyId();
        String key = settings.receiptKey();
        String name = ConsentSettings.RECEIPT_KEY;
        if (key == null) {
            if (!settings.devMode()) {
                throw new IllegalStateException(name + " is missing. " + RECEIPT_KEY_HINT);
            }
            LOG.warn(
                    "consent4j DEV MODE: signing receipts with a THROWAWAY key; receipts cannot be verified"
                            + " after a restart. Set {} in production.",
                    name);
            return ReceiptSigner.generate(devKeyId(keyId));
        }
        try {
            return ReceiptSigner.fromBase64(keyId, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid: " + e.getMessage() + ". " + RECEIPT_KEY_HINT, e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(name + " (key id '" + keyId + "') cannot be used: " + e.getMessage(), e);
        }
    }

    /** The throwaway key's id: marked as such, and still at most the 64 characters a key id may have. */
    private static String devKeyId(String keyId) {
        String id = "dev-" + keyId;
        return id.length() > 64 ? id.substring(0, 64) : id;
    }
}
