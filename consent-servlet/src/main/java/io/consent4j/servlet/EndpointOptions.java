/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ChoiceContext;
import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.ledger.Actor;
import io.consent4j.core.ledger.CollectionPoint;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;

/**
 * The settings of one {@link ConsentEndpoint}, as its builder was given them, and what they read from a
 * visitor's request: the consent cookie, the signals and the context a record is made in.
 *
 * @param cookie the consent cookie it sets
 * @param assetsPath where the banner's assets are served, for the settings page's stylesheet
 * @param maxBodyBytes the largest choice body accepted
 * @param ageBandResolver the site's age-band hook
 * @param accountReference the keyed account reference of a signed-in visitor, or null
 */
record EndpointOptions(
        ConsentCookieHeader cookie,
        String assetsPath,
        int maxBodyBytes,
        AgeBandResolver ageBandResolver,
        Function<HttpServletRequest, String> accountReference) {

    /** Checks the largest choice body: 256 bytes to 1 MiB. */
    static int checkMaxBodyBytes(int maxBodyBytes) {
        if (maxBodyBytes < 256 || maxBodyBytes > 1 << 20) {
            throw new IllegalArgumentException(
                    "consent endpoint setting 'maxBodyBytes' must be between 256 and 1048576, was " + maxBodyBytes);
        }
        return maxBodyBytes;
    }

    /** The signals of {@code request}, with the age band of the site's hook. */
    RequestSignals signals(HttpServletRequest request) {
        return RequestSignalHeaders.of(request, ageBandResolver());
    }

    /** The value of the consent cookie {@code request} carries, or null. */
    String consentCookie(HttpServletRequest request) {
        return RequestCookies.value(request, cookie().name());
    }

    /** The context a visitor's record of {@code request} is made in, with their account reference. */
    ChoiceContext context(
            HttpServletRequest request,
            String cookieValue,
            RequestSignals signals,
            CollectionPoint point,
            String locale,
            String path) {
        return new ChoiceContext(
                cookieValue,
                signals,
                point,
                Actor.VISITOR,
                locale,
                path,
                request.getHeader("User-Agent"),
                request.getRemoteAddr(),
                accountReference().apply(request));
    }
}
