/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ConsentManager;
import io.consent4j.servlet.ConsentSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With Spring Security, a {@link SecurityFilterChain} that matches only consent4j's paths and is ordered
 * before the application's chains ({@link #ORDER}):
 *
 * <ul>
 *   <li>the visitor endpoint ({@code consent4j.endpoint.path}) stays open to anonymous visitors and is left
 *       out of CSRF protection: the banner posts JSON without a CSRF token, and the endpoint rejects
 *       cross-site posts itself by their {@code Origin} and {@code Sec-Fetch-Site} headers;
 *   <li>the auditor endpoint ({@code consent4j.audit.path}) requires the authority
 *       {@code consent4j.audit.authority} (default {@code CONSENT_AUDITOR}), from the session's login or
 *       HTTP Basic, in addition to the endpoint's own bearer token check.
 * </ul>
 *
 * <p>It is configured after Spring Boot's own web security, so an application that relies on Boot's
 * default chain keeps it for every other path. Define a bean named {@code consentSecurityFilterChain} to
 * replace this one.
 */
@AutoConfiguration(
        after = ConsentServletAutoConfiguration.class,
        afterName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnBean({ConsentManager.class, HttpSecurity.class})
public class ConsentSecurityAutoConfiguration {

    /** The order of consent4j's chain: before the application's chains, which match more paths. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    @Bean
    @Order(ORDER)
    @ConditionalOnMissingBean(name = "consentSecurityFilterChain")
    SecurityFilterChain consentSecurityFilterChain(
            HttpSecurity http, ConsentSettings settings, ConsentProperties properties) throws Exception {
        String endpoint = settings.endpointPath();
        String audit = settings.auditPath();
        http.securityMatcher(endpoint, endpoint + "/**", audit, audit + "/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(audit, audit + "/**")
                        .hasAuthority(properties.getAudit().getAuthority())
                        .anyRequest()
                        .permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(endpoint, endpoint + "/**"))
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }
}
