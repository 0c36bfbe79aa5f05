/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.token.ConsentId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A site behind a reverse proxy, over real HTTP on Jetty 12: the requests carry the {@code Forwarded} or
 * {@code X-Forwarded-For} headers a proxy adds, and all come from the proxy's address (127.0.0.1).
 * With the container's forwarded-header support ({@code ForwardedRequestCustomizer}) each client gets
 * its own truncated address in its records and its own rate-limit bucket; without it, consent4j does not
 * read those headers itself, so every client shares the proxy's. The limiter's window follows the
 * site's clock, which only the test moves.
 */
class BehindProxyIT {

    private static final Map<String, String> TWO_POSTS_PER_HOUR =
            Map.of(ConsentServletSetup.RATE_POSTS, "2", ConsentServletSetup.RATE_WINDOW, "PT1H");

    @Test
    void withForwardedHeadersEachClientGetsItsOwnTruncatedAddressInItsRecords_C22_C23() throws Exception {
        try (Site site = Site.behindProxy(Map.of())) {
            String first = choose(site, "X-Forwarded-For", "203.0.113.7");
            String second = choose(site, "Forwarded", "for=198.51.100.23;proto=http");
            String third = choose(site, "Forwarded", "for=\"[2001:db8:cafe:17::5]:4711\"");

            assertThat(ipPrefix(site, first)).isEqualTo("203.0.113.0/24");
            assertThat(ipPrefix(site, second)).isEqualTo("198.51.100.0/24");
            assertThat(ipPrefix(site, third)).isEqualTo("2001:db8:cafe::/48");
            assertThat(site.ledger.findByConsentId(ConsentId.parse(first)).toString())
                    .doesNotContain("203.0.113.7");
        }
    }

    @Test
    void withForwardedHeadersEachClientNetworkHasItsOwnRateLimitBucket() throws Exception {
        try (Site site = Site.behindProxy(TWO_POSTS_PER_HOUR)) {
            assertThat(post(site, "X-Forwarded-For", "203.0.113.7")).isEqualTo(200);
            assertThat(post(site, "X-Forwarded-For", "203.0.113.7")).isEqualTo(200);
            assertThat(post(site, "X-Forwarded-For", "203.0.113.7")).isEqualTo(429);
            // The same /24 network shares the bucket; the full address is never kept (C23).
            assertThat(post(site, "X-Forwarded-For", "203.0.113.200")).isEqualTo(429);

            assertThat(post(site, "X-Forwarded-For", "198.51.100.9")).isEqualTo(200);
            assertThat(post(site, "Forwarded", "for=192.0.2.44")).isEqualTo(200);
            assertThat(post(site, "Forwarded", "for=192.0.2.44")).isEqualTo(200);
            assertThat(post(site, "Forwarded", "for=192.0.2.44")).isEqualTo(429);

            site.clock.advance(Duration.ofHours(1));
            assertThat(post(site, "X-Forwarded-For", "203.0.113.7")).isEqualTo(200);
        }
    }

    @Test
    void withoutForwardedHeaderSupportEveryClientSharesTheProxysAddressAndBucket_C23() throws Exception {
        try (Site site = Site.start(TWO_POSTS_PER_HOUR)) {
            String first = choose(site, "X-Forwarded-For", "203.0.113.7");
            String second = choose(site, "Forwarded", "for=198.51.100.23");

            // consent4j never reads these headers itself: anyone could send them.
            assertThat(List.of(ipPrefix(site, first), ipPrefix(site, second))).containsOnly("127.0.0.0/24");
            assertThat(post(site, "X-Forwarded-For", "192.0.2.44")).isEqualTo(429);
            assertThat(post(site, "X-Forwarded-For", "198.51.100.9")).isEqualTo(429);

            site.clock.advance(Duration.ofHours(1));
            assertThat(post(site, "X-Forwarded-For", "198.51.100.9")).isEqualTo(200);
        }
    }

    /** Posts "reject all" as a proxy would pass it on, and returns the new consent id. */
    private static String choose(Site site, String header, String value) throws Exception {
        Site.Reply reply = site.postJson("{\"action\":\"reject_all\"}", header, value);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().path("state").path("consentId").stringValue();
    }

    private static int post(Site site, String header, String value) throws Exception {
        return site.postJson("{\"action\":\"reject_all\"}", header, value).status();
    }

    private static String ipPrefix(Site site, String consentId) {
        List<ConsentRecord> records = site.ledger.findByConsentId(ConsentId.parse(consentId));
        assertThat(records).hasSize(1);
        return records.get(0).content().ipPrefix();
    }
}
