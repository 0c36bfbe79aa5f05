/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.token.ConsentId;
import io.consent4j.core.token.DecodedCookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers a visitor's {@code GET PATH/receipt} and {@code GET PATH/history} of the {@link ConsentEndpoint}:
 * the signed receipt of their latest record and their own records (C27), for the consent id of their
 * valid or expired cookie; 404 when there is none.
 */
final class ReceiptAndHistory {

    private final ConsentManager manager;
    private final String cookieName;

    ReceiptAndHistory(ConsentManager manager, String cookieName) {
        this.manager = manager;
        this.cookieName = cookieName;
    }

    private ConsentId ownConsentId(HttpServletRequest request) {
        DecodedCookie decoded = manager.decider().read(RequestCookies.value(request, cookieName));
        if (decoded.status() != DecodedCookie.Status.VALID && decoded.status() != DecodedCookie.Status.EXPIRED) {
            throw Problem.notFound(
                    "no-consent", "this browser holds no consent of this site, so there is no receipt or history");
        }
        return decoded.consent().id();
    }

    void receipt(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentId id = ownConsentId(request);
        Optional<String> jws = manager.receipt(id);
        if (jws.isEmpty()) {
            throw Problem.notFound("no-consent", "no records are kept for this consent id");
        }
        ObjectNode body = Problem.JSON.createObjectNode();
        body.put("consentId", id.toString());
        body.put("receipt", jws.get());
        body.put("kid", manager.receiptSigner().keyId());
        body.put("publicKey", ConsentEndpoint.endpoint(request) + "/jwk");
        String[] parts = jws.get().split("\\.");
        body.set("payload", Problem.JSON.readTree(Base64.getUrlDecoder().decode(parts[1])));
        JsonAnswer.write(response, 200, Problem.JSON.writeValueAsString(body), "application/json");
    }

    void history(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentId id = ownConsentId(request);
        List<ConsentRecord> records = manager.history(id);
        if (records.isEmpty()) {
            throw Problem.notFound("no-consent", "no records are kept for this consent id");
        }
        ObjectNode body = Problem.JSON.createObjectNode();
        body.put("consentId", id.toString());
        ArrayNode list = body.putArray("records");
        for (ConsentRecord record : records) {
            list.add(Problem.JSON.readTree(RecordJson.line(record)));
        }
        response.setHeader("Content-Disposition", "inline; filename=\"consent-history.json\"");
        JsonAnswer.write(response, 200, Problem.JSON.writeValueAsString(body), "application/json");
    }
}
