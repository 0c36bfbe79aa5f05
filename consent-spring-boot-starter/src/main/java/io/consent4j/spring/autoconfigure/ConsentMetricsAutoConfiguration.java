/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.servlet.CookieDropListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Micrometer, meters consent4j: {@code consent4j.decisions} (by state and whether the banner shows),
 * {@code consent4j.records.appended} (by event), the timer {@code consent4j.records.append} (by
 * outcome) and {@code consent4j.cookies.dropped} (by reason), by wrapping the ledger bean, reading the
 * filter's decision and listening to the filter's dropped cookies.
 */
@AutoConfiguration(
        after = {ConsentAutoConfiguration.class, ConsentServletAutoConfiguration.class},
        afterName = {
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class ConsentMetricsAutoConfiguration {

    static final String COOKIES_DROPPED = "consent4j.cookies.dropped";

    @Bean
    static BeanPostProcessor consentLedgerMetrics(ObjectProvider<MeterRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ConsentLedger ledger && !(bean instanceof MeteredConsentLedger)
                        ? MeteredConsentLedger.of(ledger, registry.getObject())
                        : bean;
            }
        };
    }

    /** Decisions, counted right after the consent filter. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(name = "consentFilterRegistration")
    static class DecisionMetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "consentDecisionMetricsRegistration")
        FilterRegistrationBean<ConsentDecisionMetricsFilter> consentDecisionMetricsRegistration(
                MeterRegistry registry, ConsentProperties properties) {
            FilterRegistrationBean<ConsentDecisionMetricsFilter> registration =
                    new FilterRegistrationBean<>(new ConsentDecisionMetricsFilter(registry));
            registration.setName("consent4j-metrics");
            registration.setOrder(properties.getFilter().getOrder() + 1);
            registration.setUrlPatterns(properties.getFilter().getUrlPatterns());
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            return registration;
        }

        @Bean
        @ConditionalOnMissingBean(name = "consentCookieDropMetrics")
        CookieDropListener consentCookieDropMetrics(MeterRegistry registry) {
            return (name, reason) -> Counter.builder(COOKIES_DROPPED)
                    .description("Set-Cookie headers the consent filter dropped")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry)
                    .increment();
        }
    }
}
