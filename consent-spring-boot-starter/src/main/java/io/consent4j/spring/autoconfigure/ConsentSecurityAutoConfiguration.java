/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ConsentManager;
import io.consent4j.servlet.ConsentSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * With Spring Security, a {@link SecurityFilterChain} that matches only consent4j's paths and is ordered
 * before the application's chains ({@link #ORDER}), so that the application's own chain (its form login,
 * its CSRF protection) stays as it is for every other path:
 *
 * <ul>
 *   <li>the visitor endpoint ({@code consent4j.endpoint.path}) stays open to anonymous visitors and is left
 *       out of CSRF protection: the banner posts JSON without a CSRF token, and the endpoint rejects
 *       cross-site posts itself by their {@code Origin} and {@code Sec-Fetch-Site} headers;
 *   <li>the auditor endpoint ({@code consent4j.audit.path}) lets in users signed in to the site who hold
 *       the authority {@code consent4j.audit.authority} (default {@code CONSENT_AUDITOR}). Without
 *       {@code consent4j.audit.token-hashes} that is the only way in, and they may also sign in there by
 *       HTTP Basic. With token hashes, a request that is not signed in passes on to the endpoint, which
 *       asks for an auditor token (bearer, or the password of HTTP Basic as browsers send it for the
 *       dashboard); a user signed in without the authority is refused, token or not. Its posts (the
 *       dashboard's forms) are left out of Spring's CSRF protection too: they carry no CSRF token, and the
 *       endpoint refuses cross-site posts itself, as the visitor endpoint does.
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
            HttpSecurity http,
            ConsentSettings settings,
            ConsentProperties properties,
            ObjectProvider<AuthenticationConfiguration> authentication)
            throws Exception {
        String endpoint = settings.endpointPath();
        String audit = settings.auditPath();
        boolean tokens = !settings.auditTokenHashes().isEmpty();
        AuthorizationManager<RequestAuthorizationContext> auditor =
                auditor(properties.getAudit().getAuthority(), tokens);
        http.securityMatcher(endpoint, endpoint + "/**", audit, audit + "/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(audit, audit + "/**")
                        .access(auditor)
                        .anyRequest()
                        .permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(endpoint, endpoint + "/**", audit, audit + "/**"));
        if (!tokens) {
            http.httpBasic(Customizer.withDefaults());
        } else {
            // With tokens, Basic also carries the auditor token to the endpoint: a site user's Basic signs them
            // in, and Basic that is no user's goes on, unanswered, to the endpoint's token check.
            AuthenticationManager manager = authenticationManager(authentication.getIfAvailable());
            if (manager != null) {
                http.addFilterAt(new BasicAuthenticationFilter(manager), BasicAuthenticationFilter.class);
            }
        }
        return http.build();
    }

    private static AuthenticationManager authenticationManager(AuthenticationConfiguration configuration) {
        if (configuration == null) {
            return null;
        }
        try {
            return configuration.getAuthenticationManager();
        } catch (Exception e) {
            // No way to sign site users in with Basic: the auditor token alone opens the endpoint.
            return null;
        }
    }

    /**
     * Signed-in holders of {@code authority}; with tokens also whoever is not signed in, for the endpoint's
     * token check. A user signed in without the authority is refused: the endpoint would take any signed-in
     * user for an auditor.
     */
    static AuthorizationManager<RequestAuthorizationContext> auditor(String authority, boolean tokens) {
        AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
        return (authentication, context) -> {
            Authentication user = authentication.get();
            boolean signedIn = trust.isAuthenticated(user);
            boolean granted = signedIn
                    ? user.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()))
                    : tokens;
            return new AuthorizationDecision(granted);
        };
    }
}
