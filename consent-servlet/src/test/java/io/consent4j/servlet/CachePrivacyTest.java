/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The header rules of a response that depends on the visitor. */
class CachePrivacyTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL                                        | private",
                "'   '                                       | private",
                "max-age=600                                 | private, max-age=600",
                "public, max-age=600                         | private, max-age=600",
                "PUBLIC, S-MAXAGE=60, max-age=10             | private, max-age=10",
                "no-store                                    | no-store",
                "no-cache, private                           | no-cache, private",
                "no-cache, no-store, must-revalidate         | no-cache, no-store, must-revalidate",
                "private, private                            | private",
                "'private=\"Set-Cookie, X-Id\", max-age=60'  | private, max-age=60",
                "'no-cache=\"Set-Cookie\", public'           | private, no-cache=\"Set-Cookie\"",
                "', , max-age=5,'                            | private, max-age=5",
            })
    void cacheControlLetsNoSharedCacheStoreTheResponse(String site, String expected) {
        assertThat(CachePrivacy.cacheControl(site)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "NULL                        | Cookie",
                "''                          | Cookie",
                "Accept-Encoding             | Accept-Encoding, Cookie",
                "'Accept-Encoding, Origin'   | Accept-Encoding, Origin, Cookie",
                "COOKIE                      | COOKIE",
                "*                           | *",
                "'Accept-Encoding,Cookie'    | Accept-Encoding, Cookie",
            })
    void varyAddsCookieToWhatTheSiteVariesBy(String site, String expected) {
        assertThat(CachePrivacy.vary(site)).isEqualTo(expected);
    }

    @Test
    void recognisesTheCachingHeadersInAnyCase() {
        assertThat(CachePrivacy.field("cache-control")).isEqualTo(CachePrivacy.Field.CACHE_CONTROL);
        assertThat(CachePrivacy.field(" VARY ")).isEqualTo(CachePrivacy.Field.VARY);
        assertThat(CachePrivacy.field("Surrogate-Control")).isEqualTo(CachePrivacy.Field.TARGETED);
        assertThat(CachePrivacy.field("x-accel-expires")).isEqualTo(CachePrivacy.Field.TARGETED);
        assertThat(CachePrivacy.field("Expires")).isEqualTo(CachePrivacy.Field.OTHER);
        assertThat(CachePrivacy.field(null)).isEqualTo(CachePrivacy.Field.OTHER);
    }
}
