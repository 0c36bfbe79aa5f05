/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.time.Duration;

/**
 * Where {@link ConsentSettings} put the visitor endpoint, and how many choices one network may post to it.
 *
 * @param path {@value ConsentSettings#ENDPOINT_PATH}
 * @param rateLimitPosts {@value ConsentSettings#RATE_LIMIT_POSTS}
 * @param rateLimitWindow {@value ConsentSettings#RATE_LIMIT_WINDOW}
 */
record VisitorEndpointSettings(String path, int rateLimitPosts, Duration rateLimitWindow) {

    /** The visitor endpoint settings among {@code v}. */
    static VisitorEndpointSettings of(SettingsValues v) {
        return new VisitorEndpointSettings(v.endpointPath, v.rateLimitPosts, v.rateLimitWindow);
    }

    /**
     * Checks {@value ConsentSettings#RATE_LIMIT_POSTS}.
     *
     * @throws IllegalArgumentException naming the property when it is less than 1
     */
    static int checkRateLimitPosts(int posts) {
        if (posts < 1) {
            throw SettingChecks.bad(ConsentSettings.RATE_LIMIT_POSTS, posts, "must be at least 1");
        }
        return posts;
    }
}
