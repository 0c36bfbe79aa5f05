/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ChoiceResult;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.receipt.ConsentReceipt;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

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

    /** The answer's JSON text. */
    static String json(
            ConsentManager manager, ConsentPolicy policy, ChoiceResult result, String endpoint, boolean signNow) {
        ConsentRecord record = result.record();
        ConsentReceipt receipt = ConsentReceipt.of(record);
        String payload = receipt.payload();
        ObjectNode answer = Problem.JSON.createObjectNode();
        answer.set("state", StateJson.state(policy, result.decision(), endpoint));
        ObjectNode node = answer.putObject("receipt");
        node.put("url", url(endpoint, record));
        node.put("kid", manager.receiptSigner().keyId());
        node.put("publicKey", endpoint + "/jwk");
        node.putRawValue("payload", new RawValue(payload));
        if (signNow) {
            node.put("jws", manager.receiptSigner().sign(payload));
        }
        answer.put("event", record.content().event().jsonName());
        return Problem.JSON.writeValueAsString(answer);
    }

    /** Where the visitor fetches the signed receipt of {@code record}. */
    static String url(String endpoint, ConsentRecord record) {
        return endpoint + "/receipt?chain=" + URLEncoder.encode(record.chainId(), StandardCharsets.UTF_8) + "&seq="
                + record.sequence();
    }
}
