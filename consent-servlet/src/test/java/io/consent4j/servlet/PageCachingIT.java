/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Which responses of a plain-servlet site, over real HTTP on Jetty 12, a shared cache may keep: pages
 * with the banner's data block or the no-script form are private to the visitor, the visitor endpoint is
 * never stored, and a static asset keeps its own caching headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageCachingIT {

    private Site site;
    private String cookie;

    @BeforeAll
    void start() throws Exception {
        site = Site.start();
        cookie = "consent4j=" + site.postJson("{\"action\":\"accept_all\"}").consentCookie();
    }

    @AfterAll
    void stop() {
        site.close();
    }

    @Test
    void aPageWithTheBannersDataBlockIsPrivateAndVariesByCookie() throws Exception {
        for (Site.Reply page : List.of(site.get("/head"), site.get("/head", "Cookie", cookie))) {
            assertThat(page.body()).contains("id=\"consent4j-config\"");
            assertThat(values(page, "Cache-Control")).containsExactly("private");
            assertThat(fields(page, "Vary")).contains("Cookie");
        }
    }

    @Test
    void aPageWithTheServerRenderedBannerIsPrivateAndVariesByCookie() throws Exception {
        Site.Reply page = site.get("/page", "Cookie", cookie);

        assertThat(page.body()).contains("c4j-wd");
        assertThat(values(page, "Cache-Control")).containsExactly("private");
        assertThat(fields(page, "Vary")).contains("Cookie");
    }

    @Test
    void theVisitorEndpointsAnswersStayNoStore() throws Exception {
        List<Site.Reply> replies = List.of(
                site.get("/consent"),
                site.get("/consent", "Cookie", cookie),
                site.get("/consent/receipt", "Cookie", cookie),
                site.get("/consent/history", "Cookie", cookie),
                site.postJson("{\"action\":\"reject_all\"}", "Cookie", cookie),
                site.postForm("action=accept_all&return=/page", "Cookie", cookie));

        for (Site.Reply reply : replies) {
            assertThat(reply.status()).isIn(200, 303);
            assertThat(values(reply, "Cache-Control")).containsExactly("no-store");
        }
        assertThat(fields(replies.get(1), "Vary")).contains("Cookie");
    }

    @Test
    void aStaticAssetKeepsItsCachingHeadersForEveryVisitor() throws Exception {
        for (Site.Reply asset : List.of(site.get(Site.ASSET_PATH), site.get(Site.ASSET_PATH, "Cookie", cookie))) {
            assertThat(asset.status()).isEqualTo(200);
            assertThat(values(asset, "Cache-Control")).containsExactly(Site.ASSET_CACHE_CONTROL);
            assertThat(fields(asset, "Vary")).doesNotContain("Cookie");
        }
    }

    private static List<String> values(Site.Reply reply, String header) {
        return reply.response().headers().allValues(header);
    }

    private static List<String> fields(Site.Reply reply, String header) {
        return values(reply, header).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .toList();
    }
}
