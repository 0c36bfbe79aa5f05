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

/** The auditor endpoint is on only when {@code consent.audit.token-hashes} names at least one token. */
class AuditEndpointCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        boolean tokens = Binder.get(context.getEnvironment())
                .bind("consent.audit.token-hashes", Bindable.listOf(String.class))
                .map(list -> list.stream().anyMatch(s -> s != null && !s.isBlank()))
                .orElse(false);
        return tokens
                ? ConditionOutcome.match("consent.audit.token-hashes is set")
                : ConditionOutcome.noMatch("consent.audit.token-hashes is empty: the auditor endpoint is off");
    }
}
