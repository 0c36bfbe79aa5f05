/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.servlet.CookieDropListener;
import io.consent4j.servlet.DecisionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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

    static final String DECISIONS = "consent4j.decisions";
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

    /** Decisions timed by state as the consent filter makes them, and the cookies it drops. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class DecisionMetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "consentDecisionMetrics")
        DecisionListener consentDecisionMetrics(MeterRegistry registry) {
            return (decision, nanos) -> Timer.builder(DECISIONS)
                    .description("Consent decisions made by the consent filter, by state")
                    .tag("state", decision.state().name().toLowerCase(Locale.ROOT))
                    .tag("banner", Boolean.toString(decision.showBanner()))
                    .register(registry)
                    .record(nanos, TimeUnit.NANOSECONDS);
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
