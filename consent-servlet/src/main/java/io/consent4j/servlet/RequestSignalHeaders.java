/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.token.AgeBand;
import jakarta.servlet.http.HttpServletRequest;

/** Reads a request's privacy signals the same way for the filter and the visitor endpoint. */
final class RequestSignalHeaders {

    private RequestSignalHeaders() {}

    /** The {@code Sec-GPC} and {@code DNT} headers, and the age band {@code resolver} gives, if any. */
    static RequestSignals of(HttpServletRequest request, AgeBandResolver resolver) {
        RequestSignals signals = RequestSignals.fromHeaders(request.getHeader("Sec-GPC"), request.getHeader("DNT"));
        AgeBand band = resolver.resolve(request);
        return band != null && band != AgeBand.UNSPECIFIED ? signals.withAgeBand(band) : signals;
    }
}
