/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.servletsite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cookie and receipt keys. From {@code CONSENT_COOKIE_KEY} and {@code CONSENT_RECEIPT_KEY} when
 * both are set; otherwise DEVELOPMENT keys, made at the first start and kept in a file under the data
 * directory so that choices and receipts stay valid across restarts. Anyone who can read that file
 * can forge consent cookies: never use it in production.
 *
 * @param cookieKey the HMAC key of the consent cookie, base64
 * @param receiptKey the Ed25519 private key that signs receipts, base64 PKCS#8
 */
record DevKeys(String cookieKey, String receiptKey) {

    private static final Logger log = LoggerFactory.getLogger(DevKeys.class);
    static final String FILE = "dev-keys.properties";

    static DevKeys load(Path dataDir) {
        String cookie = System.getenv("CONSENT_COOKIE_KEY");
        String receipt = System.getenv("CONSENT_RECEIPT_KEY");
        if (cookie != null && !cookie.isBlank() && receipt != null && !receipt.isBlank()) {
            return new DevKeys(cookie, receipt);
        }
        Path file = dataDir.resolve(FILE);
        try {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    stored.load(in);
                }
                log.warn(
                        "Using DEVELOPMENT keys from {}; set CONSENT_COOKIE_KEY and CONSENT_RECEIPT_KEY in production",
                        file.toAbsolutePath());
                return new DevKeys(stored.getProperty("cookie"), stored.getProperty("receipt"));
            }
            DevKeys keys = generate();
            stored.setProperty("cookie", keys.cookieKey);
            stored.setProperty("receipt", keys.receiptKey);
            Files.createDirectories(dataDir);
            try (OutputStream out = Files.newOutputStream(file)) {
                stored.store(out, "consent4j servlet-site DEVELOPMENT keys; never use them in production");
            }
            log.warn(
                    "Generated DEVELOPMENT keys and stored them in {}; set CONSENT_COOKIE_KEY and"
                            + " CONSENT_RECEIPT_KEY in production",
                    file.toAbsolutePath());
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the development keys in " + file, e);
        }
    }

    private static DevKeys generate() {
        byte[] hmac = new byte[32];
        new SecureRandom().nextBytes(hmac);
        try {
            byte[] ed25519 = KeyPairGenerator.getInstance("Ed25519")
                    .generateKeyPair()
                    .getPrivate()
                    .getEncoded();
            return new DevKeys(
                    Base64.getEncoder().encodeToString(hmac),
                    Base64.getEncoder().encodeToString(ed25519));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }
}
