/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a site's account id into a pseudonymous account reference: the HMAC-SHA256 of the id under a
 * server key, as hex (C22, C23). The raw account id is never stored; the same id always gives the same
 * reference, so an auditor can find a person's records when the site tells them the reference.
 */
public final class AccountReferences {

    private final SecretKeySpec key;

    /**
     * References under {@code secret}, at least 32 bytes; keep it as safe as the signing keys.
     *
     * @throws IllegalArgumentException when the secret is too short
     */
    public AccountReferences(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32) {
            throw new IllegalArgumentException("the account reference key has " + secret.length
                    + " bytes; at least 32 are needed. Generate one with: openssl rand -base64 32");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The reference of {@code accountId}: 64 lower-case hex digits. */
    public String of(String accountId) {
        if (accountId == null || accountId.isEmpty()) {
            throw new IllegalArgumentException("accountId must not be empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(accountId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
