/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.servlet.ConsentSettings;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * The auditor endpoint is on with Spring Security (which then guards it with the auditor authority) or
 * when {@code consent4j.audit.token-hashes} names at least one token, as in {@code ConsentSettings#auditEnabled()}.
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
                .bind(ConsentSettings.AUDIT_TOKEN_HASHES, Bindable.listOf(String.class))
                .map(list -> list.stream().anyMatch(s -> s != null && !s.isBlank()))
                .orElse(false);
        return tokens
                ? ConditionOutcome.match(ConsentSettings.AUDIT_TOKEN_HASHES + " is set")
                : ConditionOutcome.noMatch(
                        ConsentSettings.AUDIT_TOKEN_HASHES + " is empty: the auditor endpoint is off");
    }
}
