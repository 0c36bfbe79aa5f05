/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.benchmarks;

import io.consent4j.core.decision.ConsentDecider;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.token.Consent;
import io.consent4j.core.token.CookieConsentCodec;
import io.consent4j.servlet.ConsentFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What {@link ConsentFilter} adds to one request, without a container or a network: the same page
 * (it sets a necessary, an analytics and a marketing cookie) called directly and through the filter,
 * for a returning visitor whose consent grants analytics only. The filter reads the consent cookie,
 * decides (cache warm), wraps the response and checks three cookies, dropping the marketing one. The
 * difference of the two medians is the filter's own cost per request; {@code FilterThroughput} puts it
 * in relation to what serving a page costs.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FilterBenchmark {

    private static final FilterChain PAGE = (request, response) -> {
        HttpServletResponse http = (HttpServletResponse) response;
        http.addCookie(new Cookie("SESSION", "s1"));
        http.addCookie(new Cookie("_matomo_1", "a"));
        http.addCookie(new Cookie("_meta_pixel_1", "m"));
    };

    private ConsentFilter filter;
    private Cookie consentCookie;

    @Setup(Level.Trial)
    public void setUp() throws ServletException {
        ConsentPolicy policy = Fixtures.policy();
        CookieConsentCodec codec = Fixtures.codec();
        Consent analyticsOnly = Fixtures.analyticsOnly();
        filter = ConsentFilter.of(ConsentDecider.builder(policy, codec).build());
        filter.init(new MockFilterConfig());
        consentCookie = new Cookie(filter.settings().cookieName(), codec.encode(analyticsOnly, policy));
    }

    private MockHttpServletRequest request;
    private MockHttpServletResponse response;

    @Setup(Level.Iteration)
    public void exchange() {
        request = new MockHttpServletRequest("GET", "/kurse/java-grundlagen");
        request.setCookies(consentCookie);
        request.addHeader("Accept", "text/html");
        response = new MockHttpServletResponse();
    }

    /** The same request and response again, as new: no attributes, no headers, no cookies. */
    private void reset() {
        request.clearAttributes();
        response.reset();
    }

    /** The page alone: setting three cookies. */
    @Benchmark
    public MockHttpServletResponse withoutFilter() throws IOException, ServletException {
        reset();
        PAGE.doFilter(request, response);
        return response;
    }

    /** The same page through the consent filter. */
    @Benchmark
    public MockHttpServletResponse withFilter() throws IOException, ServletException {
        reset();
        filter.doFilter(request, response, PAGE);
        if (response.getCookie("_meta_pixel_1") != null) {
            throw new IllegalStateException("the filter let the marketing cookie through");
        }
        return response;
    }
}
