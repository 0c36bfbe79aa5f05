/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConfigurationMetadataTest {

    /**
     * The metadata generated for this module's classes. Read from where {@link ConsentProperties} was
     * compiled to, not the first such file on the class path: Spring Boot's own jars ship one too, and
     * reading theirs would hide metadata that was never generated.
     */
    private static JsonNode metadata() throws Exception {
        Path classes = Path.of(ConsentProperties.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path file = classes.resolve("META-INF/spring-configuration-metadata.json");
        assertThat(file).as("generated configuration metadata").isRegularFile();
        try (InputStream in = Files.newInputStream(file)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    @Test
    void describesEveryConsentProperty() throws Exception {
        List<String> undescribed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata().get("properties")) {
            String name = property.get("name").asString();
            names.add(name);
            JsonNode description = property.get("description");
            if (description == null || description.asString().isBlank()) {
                undescribed.add(name);
            }
        }
        assertThat(undescribed).as("properties without a description").isEmpty();
        assertThat(names)
                .contains(
                        "consent4j.dev-mode",
                        "consent4j.policy.location",
                        "consent4j.policy.version",
                        "consent4j.policy.categories",
                        "consent4j.policy.services",
                        "consent4j.policy.links.privacy-policy",
                        "consent4j.cookie.keys",
                        "consent4j.cookie.name",
                        "consent4j.cookie.secure",
                        "consent4j.cookie.undeclared",
                        "consent4j.receipt.key",
                        "consent4j.receipt.key-id",
                        "consent4j.ledger.store",
                        "consent4j.ledger.initialize-schema",
                        "consent4j.ledger.path",
                        "consent4j.ledger.jndi-name",
                        "consent4j.ledger.retention",
                        "consent4j.ledger.retention-interval",
                        "consent4j.filter.enabled",
                        "consent4j.filter.url-patterns",
                        "consent4j.filter.order",
                        "consent4j.endpoint.path",
                        "consent4j.endpoint.rate-limit.posts",
                        "consent4j.endpoint.rate-limit.window",
                        "consent4j.audit.path",
                        "consent4j.audit.token-hashes",
                        "consent4j.audit.authority",
                        "consent4j.audit.max-range",
                        "consent4j.parental.link-lifetime");
    }

    @Test
    void recordsTheDefaultsOfSimpleProperties() throws Exception {
        assertThat(defaultOf("consent4j.endpoint.path").asString()).isEqualTo("/consent");
        assertThat(defaultOf("consent4j.receipt.key-id").asString()).isEqualTo("receipts-1");
        assertThat(defaultOf("consent4j.ledger.initialize-schema").asString()).isEqualTo("embedded");
        // Defaults the processor cannot read from the code, from additional-spring-configuration-metadata.json:
        assertThat(defaultOf("consent4j.ledger.path").asString()).isEqualTo("consent4j/ledger");
        assertThat(defaultOf("consent4j.ledger.retention").asString())
                .isEqualTo(io.consent4j.core.ledger.RetentionJob.DEFAULT_RETENTION.toDays() + "d");
        assertThat(defaultOf("consent4j.filter.url-patterns").get(0).asString()).isEqualTo("/*");
    }

    private static JsonNode defaultOf(String name) throws Exception {
        for (JsonNode property : metadata().get("properties")) {
            if (property.get("name").asString().equals(name)) {
                assertThat(property.get("defaultValue"))
                        .as("default of " + name)
                        .isNotNull();
                return property.get("defaultValue");
            }
        }
        throw new AssertionError("no property " + name);
    }

    @Test
    void recordsThatTheFilterIsOnByDefault() throws Exception {
        JsonNode enabled = null;
        for (JsonNode property : metadata().get("properties")) {
            if (property.get("name").asString().equals("consent4j.filter.enabled")) {
                enabled = property;
            }
        }
        assertThat(enabled).isNotNull();
        assertThat(enabled.get("defaultValue").asBoolean()).isTrue();
    }
}
