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
 * the signed receipt of their latest record (or of the one named by {@code ?chain=…&seq=…}) and their own
 * records (C27), for the consent id of their valid or expired cookie; 404 when there is none, 400 for a
 * malformed {@code chain} or {@code seq}.
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

    /**
     * The receipt of the visitor's latest record, or with {@code ?chain=…&seq=…} (the link in the answer to
     * a choice) of that record, if it is one of theirs. Signed now, from the stored record.
     */
    void receipt(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentId id = ownConsentId(request);
        String chain = request.getParameter("chain");
        String seq = request.getParameter("seq");
        Optional<String> jws;
        if (chain == null && seq == null) {
            jws = manager.receipt(id);
        } else {
            jws = manager.receipt(id, requireChain(chain), sequence(seq));
        }
        if (jws.isEmpty()) {
            throw Problem.notFound(
                    "no-consent",
                    chain == null
                            ? "no records are kept for this consent id"
                            : "this consent id has no record at that place in the ledger");
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

    private static String requireChain(String chain) {
        if (chain == null || chain.isEmpty() || chain.length() > 64) {
            throw Problem.badRequest("invalid-receipt-query", "give both 'chain' and 'seq', or neither");
        }
        return chain;
    }

    private static long sequence(String seq) {
        long value;
        try {
            value = seq == null ? 0 : Long.parseLong(seq);
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            throw Problem.badRequest(
                    "invalid-receipt-query", "'seq' must be a record's sequence number, a whole number from 1");
        }
        return value;
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
