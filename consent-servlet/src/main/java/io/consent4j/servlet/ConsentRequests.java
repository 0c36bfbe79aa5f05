/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.decision.ConsentDecision;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Answers "may this request use analytics?" for controllers, templates and tags, from the decision
 * the {@link ConsentFilter} stored on the request.
 *
 * <p>Deny by default: for a request the filter did not see (not mapped, or a null request), nothing
 * is allowed, not even a required category, and nothing throws. Templates that cannot call static
 * methods can read the {@link ConsentDecision} under {@link #DECISION_ATTRIBUTE}, for example
 * {@code ${requestScope['io.consent4j.servlet.ConsentDecision'].allows('analytics')}} in JSP EL.
 *
 * <p>Every read of the decision, through these methods or the attribute, tells the filter that the
 * response now depends on the visitor, and it marks the response {@code Cache-Control: private} and
 * {@code Vary: Cookie} (see {@link ConsentFilter}).
 */
public final class ConsentRequests {

    /**
     * The request attribute under which the filter stores the request's {@link ConsentDecision}. Read it;
     * do not set it: the filter takes a request that carries a decision for a later dispatch of one it
     * decided already, and gates it with that decision.
     */
    public static final String DECISION_ATTRIBUTE = "io.consent4j.servlet.ConsentDecision";

    private ConsentRequests() {}

    /**
     * The decision the filter made for {@code request}; empty when the filter did not see it. Asking
     * marks the response as depending on the visitor: it gets {@code Cache-Control: private} and
     * {@code Vary: Cookie}, so that no shared cache hands it to another visitor. Ask before the body is
     * flushed; a response that is committed already can no longer be marked.
     */
    public static Optional<ConsentDecision> decision(ServletRequest request) {
        if (request == null) {
            return Optional.empty();
        }
        if (request.getAttribute(CachePrivacy.ATTRIBUTE) instanceof CachePrivacy privacy) {
            privacy.mark();
            return Optional.of(privacy.decision());
        }
        return request.getAttribute(DECISION_ATTRIBUTE) instanceof ConsentDecision decision
                ? Optional.of(decision)
                : Optional.empty();
    }

    /**
     * The filter's decision for {@code request}, or, on a page the filter did not see, the decision
     * {@code manager} makes from the request's consent cookie {@code cookieName} and its {@code Sec-GPC}
     * and {@code DNT} headers, so that a banner there still shows the visitor's choice.
     */
    static ConsentDecision decisionOrDecide(HttpServletRequest request, ConsentManager manager, String cookieName) {
        return decision(request)
                .orElseGet(() -> manager.decide(
                        RequestCookies.value(request, cookieName),
                        RequestSignalHeaders.of(request, AgeBandResolver.UNSPECIFIED)));
    }

    /**
     * Whether {@code id}, a category or service id such as {@code "analytics"} or {@code "matomo"}, is
     * allowed for {@code request}. False for unknown ids, for a null id, and for requests the filter
     * did not see. Like {@link #decision}, it marks the response as depending on the visitor.
     */
    public static boolean allowed(ServletRequest request, String id) {
        if (id == null) {
            return false;
        }
        return decision(request).map(d -> d.allows(id)).orElse(false);
    }
}
