/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.internal.CanonicalJson;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.signing.ReceiptVerifier;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A signed statement that a chain had {@code sequence} records ending in {@code headHash} at
 * {@code createdAt}. Ledgers write one periodically and at shutdown, so that removing the newest
 * records of a chain is detected too (C24). The signature is a compact JWS over the canonical JSON
 * {@code {"chain":…,"head":…,"seq":…,"time":…,"typ":"consent4j-checkpoint"}}.
 *
 * @param chainId the chain
 * @param sequence the chain's last sequence number at that time
 * @param headHash the hash of that record
 * @param createdAt when the checkpoint was made
 * @param jws the signed statement
 */
public record Checkpoint(String chainId, long sequence, String headHash, Instant createdAt, String jws) {

    /** Checks that every part is present. */
    public Checkpoint {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(jws, "jws");
    }

    /** Signs a checkpoint of a chain's head. */
    public static Checkpoint sign(
            ReceiptSigner signer, String chainId, long sequence, String headHash, Instant createdAt) {
        return new Checkpoint(
                chainId, sequence, headHash, createdAt, signer.sign(payload(chainId, sequence, headHash, createdAt)));
    }

    static String payload(String chainId, long sequence, String headHash, Instant createdAt) {
        StringBuilder out = new StringBuilder(200).append('{');
        out.append("\"chain\":");
        CanonicalJson.string(chainId, out);
        out.append(",\"head\":\"")
                .append(headHash)
                .append("\",\"seq\":")
                .append(sequence)
                .append(",\"time\":\"");
        out.append(RecordJson.formatTime(createdAt)).append("\",\"typ\":\"consent4j-checkpoint\"}");
        return out.toString();
    }

    /**
     * Reads and checks a signed checkpoint; empty when the signature does not verify or the payload is
     * not a checkpoint.
     */
    public static Optional<Checkpoint> verify(ReceiptVerifier verifier, String jws) {
        return verifier.verify(jws).flatMap(payload -> {
            try {
                JsonNode node = RecordJson.MAPPER.readTree(payload);
                if (!"consent4j-checkpoint".equals(node.path("typ").stringValue(null))) {
                    return Optional.empty();
                }
                return Optional.of(new Checkpoint(
                        node.required("chain").stringValue(),
                        node.required("seq").longValue(),
                        node.required("head").stringValue(),
                        Instant.parse(node.required("time").stringValue()),
                        jws));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }
}
