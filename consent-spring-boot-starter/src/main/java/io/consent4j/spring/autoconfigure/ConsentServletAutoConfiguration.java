/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.servlet.AuditEndpoint;
import io.consent4j.servlet.ConsentEndpoint;
import io.consent4j.servlet.ConsentFilter;
import io.consent4j.servlet.ConsentFilterSettings;
import io.consent4j.servlet.CookieDropListener;
import io.consent4j.servlet.DecisionListener;
import io.consent4j.servlet.NoScriptBanner;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Installs consent4j in a servlet web application, as {@code ConsentServletSetup} does in a plain one:
 * the {@link ConsentFilter} on {@code consent.filter.url-patterns} (unless {@code consent.filter.enabled}
 * is false), the visitor {@link ConsentEndpoint} at
 * {@code consent.endpoint.path}, the {@link AuditEndpoint} at {@code consent.audit.path} (with Spring
 * Security, which then requires the auditor authority there, or when {@code consent.audit.token-hashes} is
 * set), the {@link NoScriptBanner} and the
 * {@link ConsentTemplates} bean named {@code consent} for templates.
 */
@AutoConfiguration(after = ConsentAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ConsentFilter.class)
@ConditionalOnBean(ConsentManager.class)
public class ConsentServletAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentServletAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ConsentFilter consentFilter(
            ConsentManager manager,
            ConsentProperties properties,
            ObjectProvider<CookieDropListener> dropListeners,
            ObjectProvider<DecisionListener> decisionListeners) {
        List<CookieDropListener> listeners = dropListeners.orderedStream().toList();
        List<DecisionListener> deciders = decisionListeners.orderedStream().toList();
        return ConsentFilter.of(
                manager.decider(),
                ConsentFilterSettings.builder()
                        .cookieName(properties.getCookie().getName())
                        .undeclaredCookies(properties.getCookie().getUndeclared())
                        .cookieDropListener((name, reason) -> listeners.forEach(l -> l.dropped(name, reason)))
                        .decisionListener(
                                deciders.isEmpty()
                                        ? DecisionListener.NONE
                                        : (decision, nanos) -> deciders.forEach(l -> l.decided(decision, nanos)))
                        .build());
    }

    @Bean
    @ConditionalOnMissingBean(name = "consentFilterRegistration")
    FilterRegistrationBean<ConsentFilter> consentFilterRegistration(
            ConsentFilter filter, ConsentProperties properties) {
        FilterRegistrationBean<ConsentFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("consent4j");
        registration.setOrder(properties.getFilter().getOrder());
        registration.setUrlPatterns(properties.getFilter().getUrlPatterns());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        if (!properties.getFilter().isEnabled()) {
            registration.setEnabled(false);
            LOG.warn("consent4j filter is OFF (consent.filter.enabled=false): no request is decided and"
                    + " Set-Cookie headers pass unchecked");
        }
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentEndpoint consentEndpoint(ConsentManager manager, ConsentProperties properties) {
        boolean secure = properties.getCookie().getSecure() != null
                ? properties.getCookie().getSecure()
                : !properties.isDevMode();
        if (!secure) {
            LOG.warn("consent4j sends the consent cookie WITHOUT Secure (dev mode or consent.cookie.secure=false)");
        }
        ConsentProperties.RateLimit rate = properties.getEndpoint().getRateLimit();
        try {
            return ConsentEndpoint.builder(manager)
                    .cookieName(properties.getCookie().getName())
                    .secureCookie(secure)
                    .rateLimit(rate.getPosts(), rate.getWindow(), 100_000)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid consent4j property: " + e.getMessage(), e);
        }
    }

    @Bean
    @ConditionalOnMissingBean(name = "consentEndpointRegistration")
    ServletRegistrationBean<ConsentEndpoint> consentEndpointRegistration(
            ConsentEndpoint endpoint, ConsentProperties properties) {
        ServletRegistrationBean<ConsentEndpoint> registration =
                new ServletRegistrationBean<>(endpoint, properties.getEndpoint().getPath() + "/*");
        registration.setName("consent4j-endpoint");
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(AuditEndpointCondition.class)
    AuditEndpoint consentAuditEndpoint(
            ConsentLedger ledger, ReceiptSigner signer, ConsentProperties properties, ApplicationContext context) {
        // With Spring Security, ConsentSecurityAutoConfiguration lets only holders of the auditor authority
        // reach this path, so a request it authenticated needs no bearer token.
        AuditEndpoint.Builder builder = AuditEndpoint.builder(ledger, signer)
                .maxRange(properties.getAudit().getMaxRange())
                .containerAuthentication(AuditEndpointCondition.springSecurityPresent(context.getClassLoader()));
        for (int i = 0; i < properties.getAudit().getTokenHashes().size(); i++) {
            try {
                builder.tokenHash(properties.getAudit().getTokenHashes().get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "Invalid consent4j property consent.audit.token-hashes[" + i + "]: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    @Bean
    @ConditionalOnBean(AuditEndpoint.class)
    @ConditionalOnMissingBean(name = "consentAuditEndpointRegistration")
    ServletRegistrationBean<AuditEndpoint> consentAuditEndpointRegistration(
            AuditEndpoint endpoint, ConsentProperties properties) {
        ServletRegistrationBean<AuditEndpoint> registration =
                new ServletRegistrationBean<>(endpoint, properties.getAudit().getPath() + "/*");
        registration.setName("consent4j-audit");
        LOG.info("consent4j auditor endpoint at {}", properties.getAudit().getPath());
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    NoScriptBanner consentNoScriptBanner(ConsentManager manager, ConsentProperties properties) {
        return NoScriptBanner.of(
                manager,
                properties.getEndpoint().getPath(),
                properties.getCookie().getName());
    }

    @Bean(name = "consent")
    @ConditionalOnMissingBean
    ConsentTemplates consentTemplates(ConsentManager manager, NoScriptBanner banner, ConsentProperties properties) {
        return new ConsentTemplates(
                manager,
                banner,
                properties.getEndpoint().getPath(),
                properties.getCookie().getName());
    }
}
