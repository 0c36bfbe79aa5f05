/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.ConsentManager;
import io.consent4j.servlet.AuditEndpoint;
import io.consent4j.servlet.ConsentEndpoint;
import io.consent4j.servlet.ConsentFilter;
import io.consent4j.servlet.HeadMarkup;
import io.consent4j.servlet.NoScriptBanner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.thymeleaf.dialect.IExpressionObjectDialect;

class ConsentServletAutoConfigurationTest {

    private static final String TOKEN_HASH = AuditEndpoint.hashToken("auditor-token");

    @TempDir
    Path dir;

    private WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ConsentAutoConfiguration.class,
                        ConsentServletAutoConfiguration.class,
                        ConsentSecurityAutoConfiguration.class,
                        ConsentThymeleafAutoConfiguration.class,
                        org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
                        org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration
                                .class))
                .withPropertyValues(
                        "consent4j.dev-mode=true",
                        "consent4j.policy.location=classpath:consent-policy.json",
                        "consent4j.ledger.path=" + dir.resolve("ledger"));
    }

    @Test
    void registersTheFilterAndTheVisitorEndpointOnTheConfiguredPaths() {
        runner().withPropertyValues(
                        "consent4j.endpoint.path=/privacy/consent",
                        "consent4j.filter.url-patterns=/courses/*",
                        "consent4j.filter.order=42")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(ConsentFilter.class);
                    FilterRegistrationBean<?> filter =
                            context.getBean("consentFilterRegistration", FilterRegistrationBean.class);
                    assertThat(filter.getUrlPatterns()).containsExactly("/courses/*");
                    assertThat(filter.getOrder()).isEqualTo(42);
                    assertThat(filter.isEnabled()).isTrue();
                    ServletRegistrationBean<?> endpoint =
                            context.getBean("consentEndpointRegistration", ServletRegistrationBean.class);
                    assertThat(endpoint.getUrlMappings()).containsExactly("/privacy/consent/*");
                    assertThat(endpoint.getServlet()).isInstanceOf(ConsentEndpoint.class);
                    assertThat(context).hasSingleBean(NoScriptBanner.class);
                    assertThat(context).getBean("consent").isInstanceOf(ConsentTemplates.class);
                });
    }

    @Test
    void registersTheFilterSwitchedOffWhenDisabledAndKeepsTheEndpoints() {
        runner().withPropertyValues("consent4j.filter.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            FilterRegistrationBean<?> filter =
                    context.getBean("consentFilterRegistration", FilterRegistrationBean.class);
            assertThat(filter.isEnabled()).isFalse();
            assertThat(context).hasSingleBean(ConsentEndpoint.class);
            assertThat(context).getBean("consent").isInstanceOf(ConsentTemplates.class);
        });
    }

    @Test
    void leavesTheAuditorEndpointOffWithoutTokenHashesAndWithoutSpringSecurity() {
        runner().withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(AuditEndpoint.class);
                    assertThat(context).doesNotHaveBean("consentAuditEndpointRegistration");
                });
    }

    @Test
    void registersTheAuditorEndpointForSpringSecurityToGuardWithoutTokenHashes() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(AuditEndpoint.class);
            assertThat(context).hasBean("consentAuditEndpointRegistration");
        });
    }

    @Test
    void registersTheAuditorEndpointWhenTokenHashesAreConfigured() {
        runner().withPropertyValues("consent4j.audit.token-hashes=" + TOKEN_HASH, "consent4j.audit.path=/auditors")
                .run(context -> {
                    assertThat(context).hasSingleBean(AuditEndpoint.class);
                    ServletRegistrationBean<?> audit =
                            context.getBean("consentAuditEndpointRegistration", ServletRegistrationBean.class);
                    assertThat(audit.getUrlMappings()).containsExactly("/auditors/*");
                });
    }

    @Test
    void namesTheBadAuditorTokenHash() {
        runner().withPropertyValues("consent4j.audit.token-hashes=not-a-hash")
                .run(context ->
                        assertThat(context).getFailure().hasStackTraceContaining("consent4j.audit.token-hashes[0]"));
    }

    @Test
    void installsNothingOfTheServletPartsOutsideAWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(ConsentAutoConfiguration.class, ConsentServletAutoConfiguration.class))
                .withPropertyValues(
                        "consent4j.dev-mode=true",
                        "consent4j.policy.location=classpath:consent-policy.json",
                        "consent4j.ledger.path=" + dir.resolve("ledger"))
                .run(context -> {
                    assertThat(context).hasSingleBean(ConsentManager.class);
                    assertThat(context).doesNotHaveBean(ConsentFilter.class);
                    assertThat(context).doesNotHaveBean(ConsentEndpoint.class);
                });
    }

    @Test
    void backsOffWhenTheApplicationRegistersItsOwnFilter() {
        runner().withUserConfiguration(OwnFilter.class).run(context -> {
            assertThat(context).hasSingleBean(ConsentFilter.class);
            assertThat(context).getBean(ConsentFilter.class).isSameAs(context.getBean("ownFilter"));
        });
    }

    @Test
    void addsAChainForTheConsentPathsNextToSpringBootsDefaultChainWithSpringSecurity() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasBean("consentSecurityFilterChain");
            // Spring Boot's default chain still protects the rest of the site.
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
        });
    }

    @Test
    void addsNoChainWithoutSpringSecurity() {
        runner().withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean("consentSecurityFilterChain");
                    assertThat(context).hasSingleBean(ConsentFilter.class);
                });
    }

    @Test
    void theHeadMarkupWritesTheNonceOfTheRequestAttributeThePropertyNames() {
        runner().withPropertyValues("consent4j.csp.nonce-attribute=cspNonce").run(context -> {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/page");
            request.setAttribute("cspNonce", "n0nce");

            assertThat(context.getBean(HeadMarkup.class).html(request, "en")).contains(" nonce=\"n0nce\" defer src=");
        });
        runner().run(context -> {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/page");
            request.setAttribute("cspNonce", "n0nce");

            assertThat(context.getBean(HeadMarkup.class).html(request, "en")).doesNotContain("nonce");
        });
    }

    @Test
    void registersTheThymeleafDialectWithThymeleaf() {
        runner().run(context -> assertThat(context).hasSingleBean(ConsentDialect.class));
    }

    @Test
    void registersNoDialectWithoutThymeleaf() {
        runner().withClassLoader(new FilteredClassLoader(IExpressionObjectDialect.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ConsentDialect.class);
                    assertThat(context).hasBean("consent");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFilter {
        @Bean
        ConsentFilter ownFilter(ConsentManager manager) {
            return ConsentFilter.of(manager.decider());
        }
    }
}
