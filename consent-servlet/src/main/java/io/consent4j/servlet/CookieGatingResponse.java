/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentDecision;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.List;

/**
 * A response that drops every cookie the request's decision does not allow (C15), however the
 * application sets it: {@link #addCookie}, or {@code Set-Cookie} through {@link #addHeader},
 * {@link #setHeader} and their int and date forms, the header name in any case. Allowed cookies reach
 * the container at once, so nothing waits for the response to commit.
 *
 * <p>{@code setHeader("Set-Cookie", v)} keeps its servlet meaning of replacing every earlier
 * {@code Set-Cookie}: when {@code v} is allowed it is passed on as is; when it is dropped, the earlier
 * headers are still removed, with the servlet API's removal, {@code setHeader(name, null)}. Containers
 * that ignore a null value (Tomcat 10.1; Servlet 6.1 made removal explicit) keep the earlier,
 * already-allowed cookies then. The expiries of withdrawn cookies (C14) are added again after anything
 * that replaced or reset the headers.
 */
final class CookieGatingResponse extends HttpServletResponseWrapper {

    private final CookieGate gate;
    private final ConsentDecision decision;
    private final List<CookieGate.Expiry> expiries;

    CookieGatingResponse(
            HttpServletResponse response, CookieGate gate, ConsentDecision decision, List<CookieGate.Expiry> expiries) {
        super(response);
        this.gate = gate;
        this.decision = decision;
        this.expiries = expiries;
    }

    /** Whether {@code response} is, or wraps, a gating response. */
    static boolean isGated(ServletResponse response) {
        return response instanceof CookieGatingResponse
                || (response instanceof ServletResponseWrapper wrapper
                        && wrapper.isWrapperFor(CookieGatingResponse.class));
    }

    /** Adds the expiries of withdrawn cookies, passing by the gate that would drop them. */
    void addExpiries() {
        // Indexed: most responses have none, and this runs for every request.
        for (int i = 0; i < expiries.size(); i++) {
            super.addHeader(SetCookieHeader.NAME, expiries.get(i).header());
        }
    }

    @Override
    public void addCookie(Cookie cookie) {
        if (cookie == null || gate.admits(cookie.getName(), decision)) {
            super.addCookie(cookie);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (value == null || !SetCookieHeader.is(name) || admitsHeader(value)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (!SetCookieHeader.is(name)) {
            super.setHeader(name, value);
        } else if (value != null && admitsHeader(value)) {
            super.setHeader(name, value);
            addExpiries();
        } else {
            removeSetCookies(name);
        }
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (SetCookieHeader.is(name)) {
            addHeader(name, Integer.toString(value));
        } else {
            super.addIntHeader(name, value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (SetCookieHeader.is(name)) {
            setHeader(name, Integer.toString(value));
        } else {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        // A date has no '=', so browsers would read it as a cookie without a name.
        if (!SetCookieHeader.is(name) || gate.admits("", decision)) {
            super.addDateHeader(name, date);
        }
    }

    @Override
    public void setDateHeader(String name, long date) {
        if (!SetCookieHeader.is(name)) {
            super.setDateHeader(name, date);
        } else if (gate.admits("", decision)) {
            super.setDateHeader(name, date);
            addExpiries();
        } else {
            removeSetCookies(name);
        }
    }

    @Override
    public void reset() {
        super.reset();
        addExpiries();
    }

    private boolean admitsHeader(String value) {
        return gate.admits(SetCookieHeader.cookieName(value), decision);
    }

    private void removeSetCookies(String name) {
        super.setHeader(name, null);
        if (getHeaders(SetCookieHeader.NAME).isEmpty()) {
            addExpiries();
        }
        // Otherwise the container ignored the removal, and the expiries are still in place.
    }
}
