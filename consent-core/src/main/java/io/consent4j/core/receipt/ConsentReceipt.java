/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.receipt;

import io.consent4j.core.internal.CanonicalJson;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordContent;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.signing.ReceiptVerifier;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A signed statement of one consent record, given to the visitor as proof of their choice (C24, C27):
 * which consent id chose what, when, under which policy, and which ledger record holds it. It is a
 * compact JWS (Ed25519) whose payload is the canonical JSON of the fields below plus
 * {@code "typ":"consent4j-receipt"}; anyone can verify it offline with the site's public key.
 *
 * @param consentId the pseudonymous consent id
 * @param chainId the ledger chain of the record
 * @param sequence the record's position in its chain
 * @param recordHash the record's hash, which ties the receipt to exactly one record
 * @param time the record's time
 * @param event the event, such as {@code given}
 * @param method how the choice was made, such as {@code accept_all}
 * @param categories every category's state
 * @param services every service's state
 * @param policyVersion the policy version shown
 * @param policyHash the policy's content hash
 */
public record ConsentReceipt(
        String consentId,
        String chainId,
        long sequence,
        String recordHash,
        String time,
        String event,
        String method,
        Map<String, Boolean> categories,
        Map<String, Boolean> services,
        int policyVersion,
        String policyHash) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Copies the maps, sorted by their keys as the payload lists them. */
    public ConsentReceipt {
        categories = sorted(categories, "categories");
        services = sorted(services, "services");
    }

    private static Map<String, Boolean> sorted(Map<String, Boolean> states, String name) {
        Map<String, Boolean> copy = new TreeMap<>(states); // natural order: UTF-16 code units, as RFC 8785
        copy.forEach((id, state) -> Objects.requireNonNull(state, () -> name + " '" + id + "' has no state"));
        return Collections.unmodifiableMap(copy);
    }

    /** The receipt content of a record. */
    public static ConsentReceipt of(ConsentRecord record) {
        RecordContent content = record.content();
        return new ConsentReceipt(
                content.consentId() == null ? "" : content.consentId().toString(),
                record.chainId(),
                record.sequence(),
                record.hash(),
                RecordJson.formatTime(record.recordedAt()),
                content.event().jsonName(),
                content.method().jsonName(),
                content.categories(),
                content.services(),
                content.policyVersion(),
                content.policyHash());
    }

    /** Signs the receipt of {@code record}: a compact JWS. */
    public static String issue(ReceiptSigner signer, ConsentRecord record) {
        return signer.sign(of(record).payload());
    }

    /** Checks a receipt's signature and reads it; empty when it is not a valid receipt for this key. */
    public static Optional<ConsentReceipt> verify(ReceiptVerifier verifier, String jws) {
        return verifier.verify(jws).flatMap(payload -> {
            try {
                JsonNode n = MAPPER.readTree(payload);
                if (!"consent4j-receipt".equals(n.path("typ").stringValue(null))) {
                    return Optional.empty();
                }
                Map<String, Boolean> categories = CanonicalJson.booleans(n.required("categories"));
                Map<String, Boolean> services = CanonicalJson.booleans(n.required("services"));
                return Optional.of(new ConsentReceipt(
                        n.required("consentId").stringValue(),
                        n.required("chain").stringValue(),
                        n.required("seq").longValue(),
                        n.required("recordHash").stringValue(),
                        n.required("time").stringValue(),
                        n.required("event").stringValue(),
                        n.required("method").stringValue(),
                        categories,
                        services,
                        n.required("policyVersion").intValue(),
                        n.required("policyHash").stringValue()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** Whether this receipt states exactly {@code record}. */
    public boolean matches(ConsentRecord record) {
        return equals(of(record));
    }

    /** The canonical JSON payload that is signed. */
    public String payload() {
        // Written by hand in sorted member order (RFC 8785, as CanonicalJson writes a tree): the answer to
        // every posted choice carries it.
        StringBuilder out = new StringBuilder(512);
        out.append('{');
        booleans(out, "categories", categories);
        out.append(',');
        member(out, "chain", chainId);
        member(out, "consentId", consentId);
        member(out, "event", event);
        member(out, "method", method);
        member(out, "policyHash", policyHash);
        out.append("\"policyVersion\":").append(policyVersion).append(',');
        member(out, "recordHash", recordHash);
        out.append("\"seq\":").append(sequence).append(',');
        booleans(out, "services", services);
        out.append(',');
        member(out, "time", time);
        out.append("\"typ\":\"consent4j-receipt\"}");
        return out.toString();
    }

    /** {@code "name":value,}, with null as JSON null. */
    private static void member(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            CanonicalJson.string(value, out);
        }
        out.append(',');
    }

    /** {@code "name":{...}}; the members are sorted by their names' UTF-16 code units, as RFC 8785 sorts. */
    private static void booleans(StringBuilder out, String name, Map<String, Boolean> values) {
        out.append('"').append(name).append("\":{");
        boolean first = true;
        for (Map.Entry<String, Boolean> e : values.entrySet()) { // sorted by the constructor
            if (!first) {
                out.append(',');
            }
            first = false;
            CanonicalJson.string(e.getKey(), out);
            out.append(':').append(e.getValue().booleanValue());
        }
        out.append('}');
    }
}
