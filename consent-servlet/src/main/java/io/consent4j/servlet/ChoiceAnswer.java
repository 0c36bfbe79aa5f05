/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ChoiceResult;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.internal.CanonicalJson;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.receipt.ConsentReceipt;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The JSON answer of the {@link ConsentEndpoint} to a choice posted as JSON: the new {@code state}, the
 * {@code event} recorded, and a {@code receipt} object with the {@code url} of the record's signed
 * receipt ({@code PATH/receipt?chain=…&seq=…}), the key id, the public key's path and the
 * {@code payload} the receipt states. The receipt is signed when it is fetched from that URL, or at once
 * ({@code jws}) when the page posts to {@code PATH?receipt=jws}: the record is durable and chained before
 * the answer either way, and an Ed25519 signature costs about as much as all the rest of the request.
 */
final class ChoiceAnswer {

    /** The query parameter and value that ask for the signed receipt in the answer. */
    static final String SIGN_PARAMETER = "receipt";

    static final String SIGN_VALUE = "jws";

    private ChoiceAnswer() {}

    /** Whether the page asked for the signed receipt in the answer; read after the body was. */
    static boolean wantsSignedReceipt(HttpServletRequest request) {
        return SIGN_VALUE.equals(request.getParameter(SIGN_PARAMETER));
    }

    /**
     * The answer's JSON text, written by hand (every posted choice is answered with it): the state's text
     * from {@link StateText}, the receipt's canonical payload as it is, and a few strings.
     */
    static String json(
            ConsentManager manager, ConsentPolicy policy, ChoiceResult result, String endpoint, boolean signNow) {
        ConsentRecord record = result.record();
        String payload = ConsentReceipt.of(record).payload();
        String state = StateText.of(policy, result.decision(), endpoint);
        StringBuilder out = new StringBuilder(state.length() + payload.length() + 256);
        out.append("{\"state\":").append(state).append(",\"receipt\":{\"url\":");
        CanonicalJson.string(url(endpoint, record), out);
        out.append(",\"kid\":");
        CanonicalJson.string(manager.receiptSigner().keyId(), out);
        out.append(",\"publicKey\":");
        CanonicalJson.string(endpoint + "/jwk", out);
        out.append(",\"payload\":").append(payload);
        if (signNow) {
            out.append(",\"jws\":");
            CanonicalJson.string(manager.receiptSigner().sign(payload), out);
        }
        out.append("},\"event\":");
        CanonicalJson.string(record.content().event().jsonName(), out);
        return out.append('}').toString();
    }

    /** Where the visitor fetches the signed receipt of {@code record}. */
    static String url(String endpoint, ConsentRecord record) {
        return endpoint + "/receipt?chain=" + URLEncoder.encode(record.chainId(), StandardCharsets.UTF_8) + "&seq="
                + record.sequence();
    }
}
