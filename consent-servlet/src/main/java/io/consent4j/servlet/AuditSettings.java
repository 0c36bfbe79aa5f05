/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.time.Duration;
import java.util.List;

/**
 * The auditor endpoint of {@link ConsentSettings}: where it is, who gets in, and how much one request may
 * ask for.
 *
 * @param path {@value ConsentSettings#AUDIT_PATH}
 * @param tokenHashes {@value ConsentSettings#AUDIT_TOKEN_HASHES}
 * @param maxRange {@value ConsentSettings#AUDIT_MAX_RANGE}
 * @param containerAuthentication whether requests that a security layer in front authenticated get in too
 */
record AuditSettings(String path, List<String> tokenHashes, Duration maxRange, boolean containerAuthentication) {

    /** The auditor settings among {@code v}. */
    static AuditSettings of(SettingsValues v) {
        return new AuditSettings(v.auditPath, v.auditTokenHashes, v.auditMaxRange, v.auditContainerAuthentication);
    }

    AuditSettings {
        tokenHashes = List.copyOf(tokenHashes);
    }

    /** Whether the endpoint is on: with token hashes, or with container authentication. */
    boolean enabled() {
        return !tokenHashes.isEmpty() || containerAuthentication;
    }

    /** The non-blank hashes, stripped; whether each is a SHA-256 is checked when the endpoint is built. */
    static List<String> keptTokenHashes(List<String> hashes) {
        return hashes == null
                ? List.of()
                : hashes.stream()
                        .map(h -> h == null ? "" : h.strip())
                        .filter(h -> !h.isEmpty())
                        .toList();
    }
}
