/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request the filter decided, as the application sees it: reading the decision straight from the
 * {@link ConsentRequests#DECISION_ATTRIBUTE} attribute, as JSP EL and other templates do, marks the
 * response as depending on the visitor, just as {@link ConsentRequests} does ({@link CachePrivacy}).
 */
final class DecidedRequest extends HttpServletRequestWrapper {

    private final CachePrivacy privacy;

    DecidedRequest(HttpServletRequest request, CachePrivacy privacy) {
        super(request);
        this.privacy = privacy;
    }

    @Override
    public Object getAttribute(String name) {
        Object value = super.getAttribute(name);
        if (value != null && ConsentRequests.DECISION_ATTRIBUTE.equals(name)) {
            privacy.mark();
        }
        return value;
    }
}
