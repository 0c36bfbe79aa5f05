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
                        "consent.dev-mode",
                        "consent.policy-location",
                        "consent.policy.version",
                        "consent.policy.categories",
                        "consent.policy.services",
                        "consent.policy.links.privacy-policy",
                        "consent.cookie.keys",
                        "consent.cookie.name",
                        "consent.cookie.secure",
                        "consent.cookie.undeclared",
                        "consent.receipt.key",
                        "consent.receipt.key-id",
                        "consent.ledger.initialize-schema",
                        "consent.ledger.path",
                        "consent.ledger.retention",
                        "consent.ledger.retention-interval",
                        "consent.filter.enabled",
                        "consent.filter.url-patterns",
                        "consent.filter.order",
                        "consent.endpoint.path",
                        "consent.endpoint.rate-limit.posts",
                        "consent.endpoint.rate-limit.window",
                        "consent.audit.path",
                        "consent.audit.token-hashes",
                        "consent.audit.authority",
                        "consent.audit.max-range");
    }

    @Test
    void recordsTheDefaultsOfSimpleProperties() throws Exception {
        JsonNode endpointPath = null;
        for (JsonNode property : metadata().get("properties")) {
            if (property.get("name").asString().equals("consent.endpoint.path")) {
                endpointPath = property;
            }
        }
        assertThat(endpointPath).isNotNull();
        assertThat(endpointPath.get("defaultValue").asString()).isEqualTo("/consent");
    }

    @Test
    void recordsThatTheFilterIsOnByDefault() throws Exception {
        JsonNode enabled = null;
        for (JsonNode property : metadata().get("properties")) {
            if (property.get("name").asString().equals("consent.filter.enabled")) {
                enabled = property;
            }
        }
        assertThat(enabled).isNotNull();
        assertThat(enabled.get("defaultValue").asBoolean()).isTrue();
    }
}
