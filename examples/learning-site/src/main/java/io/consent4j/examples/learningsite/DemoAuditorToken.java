/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Without Spring Security the auditor endpoint needs {@code consent4j.audit.token-hashes}. When none is
 * configured, this makes a random token for this run and configures its hash, so that the auditor API
 * can be tried at once; {@link StartupBanner} prints the token. Runs after the configuration files
 * are read, so a configured hash always wins.
 */
class DemoAuditorToken implements EnvironmentPostProcessor, Ordered {

    static final String TOKEN_PROPERTY = "learning-site.demo-auditor-token";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean configured = Binder.get(environment)
                .bind("consent4j.audit.token-hashes", Bindable.listOf(String.class))
                .map(list -> list.stream().anyMatch(s -> s != null && !s.isBlank()))
                .orElse(false);
        if (configured) {
            return;
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "learningSiteDemoAuditorToken",
                        Map.of("consent4j.audit.token-hashes", sha256(token), TOKEN_PROPERTY, token)));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
