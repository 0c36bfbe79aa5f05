/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecision;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
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
 *
 * <p>It also keeps a response that depends on the visitor out of shared caches ({@link CachePrivacy}):
 * a cookie whose fate depends on the decision marks it, and once it is marked, the application's
 * {@code Cache-Control}, {@code Vary} and CDN caching headers pass through {@link CachePrivacy}'s rules,
 * and a reset sets its headers again.
 */
final class CookieGatingResponse extends HttpServletResponseWrapper {

    private final CookieGate gate;
    private final ConsentDecision decision;
    private final List<CookieGate.Expiry> expiries;
    private final CachePrivacy privacy;
    /** The request, whose path the cookie inventory keeps; null where none is known. */
    private final HttpServletRequest request;

    CookieGatingResponse(
            HttpServletResponse response,
            CookieGate gate,
            ConsentDecision decision,
            List<CookieGate.Expiry> expiries,
            CachePrivacy privacy) {
        this(response, gate, decision, expiries, privacy, null);
    }

    CookieGatingResponse(
            HttpServletResponse response,
            CookieGate gate,
            ConsentDecision decision,
            List<CookieGate.Expiry> expiries,
            CachePrivacy privacy,
            HttpServletRequest request) {
        super(response);
        this.request = request;
        this.gate = gate;
        this.decision = decision;
        this.expiries = expiries;
        this.privacy = privacy;
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
        if (cookie == null || admits(cookie.getName())) {
            super.addCookie(cookie);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (value == null) {
            super.addHeader(name, value);
        } else if (SetCookieHeader.is(name)) {
            if (admitsHeader(value)) {
                super.addHeader(name, value);
            }
        } else if (policed(name)) {
            // One value, merged: a second Cache-Control line would leave caches to pick between the two.
            super.setHeader(name, privacy.add(CachePrivacy.field(name), name, value, super.getHeaders(name)));
        } else {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (SetCookieHeader.is(name)) {
            if (value != null && admitsHeader(value)) {
                super.setHeader(name, value);
                addExpiries();
            } else {
                removeSetCookies(name);
            }
        } else if (policed(name)) {
            super.setHeader(name, privacy.set(CachePrivacy.field(name), name, value));
        } else {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (SetCookieHeader.is(name) || policed(name)) {
            addHeader(name, Integer.toString(value));
        } else {
            super.addIntHeader(name, value);
        }
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (SetCookieHeader.is(name) || policed(name)) {
            setHeader(name, Integer.toString(value));
        } else {
            super.setIntHeader(name, value);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        if (policed(name)) {
            addHeader(name, httpDate(date));
        } else if (!SetCookieHeader.is(name) || gate.admits("", decision)) {
            // A date has no '=', so browsers would read it as a cookie without a name.
            super.addDateHeader(name, date);
        }
    }

    @Override
    public void setDateHeader(String name, long date) {
        if (policed(name)) {
            setHeader(name, httpDate(date));
        } else if (!SetCookieHeader.is(name)) {
            super.setDateHeader(name, date);
        } else if (gate.admits("", decision)) {
            super.setDateHeader(name, date);
            addExpiries();
        } else {
            removeSetCookies(name);
        }
    }

    // A Cache-Control: private set only for want of one is not reported, so that a framework that adds its
    // default where none is set (Spring Security's no-cache, no-store) still does; its value then replaces ours.

    @Override
    public boolean containsHeader(String name) {
        return !hidden(name) && super.containsHeader(name);
    }

    @Override
    public String getHeader(String name) {
        return hidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        return hidden(name) ? List.of() : super.getHeaders(name);
    }

    @Override
    public Collection<String> getHeaderNames() {
        Collection<String> names = super.getHeaderNames();
        if (!privacy.hidesCacheControl()) {
            return names;
        }
        List<String> shown = new ArrayList<>(names.size());
        for (String name : names) {
            if (!hidden(name)) {
                shown.add(name);
            }
        }
        return shown;
    }

    @Override
    public void reset() {
        super.reset();
        addExpiries();
        privacy.apply();
    }

    private boolean admits(String cookieName) {
        if (!privacy.marked() && gate.dependsOnDecision(cookieName) && !isCommitted()) {
            // Whether this cookie is set or dropped depends on the visitor: the response must not be shared.
            privacy.mark();
        }
        return gate.admits(cookieName, decision, request);
    }

    private boolean admitsHeader(String value) {
        return admits(SetCookieHeader.cookieName(value));
    }

    /** Whether {@code name} is a caching header of a marked response. */
    private boolean policed(String name) {
        return privacy.marked() && CachePrivacy.field(name) != CachePrivacy.Field.OTHER;
    }

    private boolean hidden(String name) {
        return privacy.hidesCacheControl() && CachePrivacy.field(name) == CachePrivacy.Field.CACHE_CONTROL;
    }

    private static String httpDate(long date) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(date).atOffset(ZoneOffset.UTC));
    }

    private void removeSetCookies(String name) {
        super.setHeader(name, null);
        if (getHeaders(SetCookieHeader.NAME).isEmpty()) {
            addExpiries();
        }
        // Otherwise the container ignored the removal, and the expiries are still in place.
    }
}
