/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;

/**
 * The settings of one {@link ConsentEndpoint}, as its builder was given them.
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
}
