/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * The auditor endpoint is on with Spring Security (which then guards it with the auditor authority) or
 * when {@code consent.audit.token-hashes} names at least one token.
 */
class AuditEndpointCondition extends SpringBootCondition {

    static boolean springSecurityPresent(ClassLoader classLoader) {
        return ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", classLoader)
                && ClassUtils.isPresent(
                        "org.springframework.security.config.annotation.web.builders.HttpSecurity", classLoader);
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if (springSecurityPresent(context.getClassLoader())) {
            return ConditionOutcome.match("Spring Security guards the auditor endpoint");
        }
        boolean tokens = Binder.get(context.getEnvironment())
                .bind("consent.audit.token-hashes", Bindable.listOf(String.class))
                .map(list -> list.stream().anyMatch(s -> s != null && !s.isBlank()))
                .orElse(false);
        return tokens
                ? ConditionOutcome.match("consent.audit.token-hashes is set")
                : ConditionOutcome.noMatch("consent.audit.token-hashes is empty: the auditor endpoint is off");
    }
}
