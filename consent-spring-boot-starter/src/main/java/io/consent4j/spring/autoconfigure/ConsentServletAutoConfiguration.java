/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.servlet.AuditEndpoint;
import io.consent4j.servlet.ConsentAssembly;
import io.consent4j.servlet.ConsentEndpoint;
import io.consent4j.servlet.ConsentFilter;
import io.consent4j.servlet.ConsentSettings;
import io.consent4j.servlet.HeadMarkup;
import io.consent4j.servlet.NoScriptBanner;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Registers consent4j's servlet parts in a servlet web application, as {@code ConsentServletSetup} does in
 * a plain one, and from the same {@link ConsentAssembly}: the {@link ConsentFilter} on
 * {@code consent4j.filter.url-patterns} (switched off when {@code consent4j.filter.enabled} is false), the
 * visitor {@link ConsentEndpoint} at {@code consent4j.endpoint.path}, the {@link AuditEndpoint} at
 * {@code consent4j.audit.path} (with Spring Security, which then requires the auditor authority there, or
 * when {@code consent4j.audit.token-hashes} is set), the {@link NoScriptBanner}, the {@link HeadMarkup}
 * and the {@link ConsentTemplates} bean named {@code consent} for templates. What is Spring's own stays
 * here: the registrations, their order, and each part's back-off when the application defines its own.
 */
@AutoConfiguration(after = ConsentAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ConsentFilter.class)
@ConditionalOnBean(ConsentAssembly.class)
public class ConsentServletAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentServletAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ConsentFilter consentFilter(ConsentAssembly assembly) {
        return assembly.filter();
    }

    @Bean
    @ConditionalOnMissingBean(name = "consentFilterRegistration")
    FilterRegistrationBean<ConsentFilter> consentFilterRegistration(
            ConsentFilter filter, ConsentSettings settings, ConsentProperties properties) {
        FilterRegistrationBean<ConsentFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("consent4j");
        registration.setOrder(properties.getFilter().getOrder());
        registration.setUrlPatterns(settings.filterUrlPatterns());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.setEnabled(settings.filterEnabled());
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentEndpoint consentEndpoint(ConsentAssembly assembly) {
        return assembly.endpoint();
    }

    @Bean
    @ConditionalOnMissingBean(name = "consentEndpointRegistration")
    ServletRegistrationBean<ConsentEndpoint> consentEndpointRegistration(
            ConsentEndpoint endpoint, ConsentSettings settings) {
        ServletRegistrationBean<ConsentEndpoint> registration =
                new ServletRegistrationBean<>(endpoint, settings.endpointPath() + "/*");
        registration.setName("consent4j-endpoint");
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(AuditEndpointCondition.class)
    AuditEndpoint consentAuditEndpoint(ConsentAssembly assembly) {
        // With Spring Security, ConsentSecurityAutoConfiguration lets only holders of the auditor authority
        // reach this path, so a request it authenticated needs no bearer token.
        return assembly.auditEndpoint()
                .orElseThrow(() -> new IllegalStateException("consent4j: the auditor endpoint is off: set "
                        + ConsentSettings.AUDIT_TOKEN_HASHES + " or add Spring Security"));
    }

    @Bean
    @ConditionalOnBean(AuditEndpoint.class)
    @ConditionalOnMissingBean(name = "consentAuditEndpointRegistration")
    ServletRegistrationBean<AuditEndpoint> consentAuditEndpointRegistration(
            AuditEndpoint endpoint, ConsentSettings settings) {
        ServletRegistrationBean<AuditEndpoint> registration =
                new ServletRegistrationBean<>(endpoint, settings.auditPath() + "/*");
        registration.setName("consent4j-audit");
        LOG.info("consent4j auditor endpoint at {}", settings.auditPath());
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    NoScriptBanner consentNoScriptBanner(ConsentAssembly assembly) {
        return assembly.noScriptBanner();
    }

    @Bean
    @ConditionalOnMissingBean
    HeadMarkup consentHeadMarkup(ConsentAssembly assembly) {
        return assembly.headMarkup();
    }

    @Bean(name = "consent")
    @ConditionalOnMissingBean
    ConsentTemplates consentTemplates(HeadMarkup head, NoScriptBanner banner) {
        return new ConsentTemplates(head, banner);
    }
}
