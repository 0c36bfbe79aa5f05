/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.servlet.ConsentServletSetup;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/CONFIGURATION.md} lists every name of the one vocabulary once, and says where it applies:
 * every Spring Boot property ({@link ConsentProperties}, from the generated metadata) and every
 * plain-servlet parameter ({@link ConsentServletSetup#PARAMETERS}) is in it, every name in it is one of
 * them, every servlet parameter is a Spring Boot property too, and "both" marks exactly the names that
 * the servlet setup reads.
 */
class ConfigurationDocsTest {

    private static final Path DOC = Path.of("..", "docs", "CONFIGURATION.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(consent4j\\.[^`]+)` \\| ([^|]+) \\|");

    /** Name to the "where" column, in the order of the table. */
    private static Map<String, String> documented() throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher row = ROW.matcher(line);
            if (row.find() && rows.put(row.group(1), row.group(2).strip()) != null) {
                repeated.add(row.group(1));
            }
        }
        assertThat(repeated).as("names listed more than once").isEmpty();
        return rows;
    }

    private static Set<String> bootProperties() throws Exception {
        Path classes = Path.of(ConsentProperties.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<String> names = new TreeSet<>();
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/spring-configuration-metadata.json"))) {
            for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
                String name = property.get("name").asString();
                if (name.startsWith("consent4j.")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Test
    void listsEverySpringBootPropertyAndEveryServletParameter() throws Exception {
        Set<String> documented = documented().keySet();

        assertThat(documented).containsAll(bootProperties());
        assertThat(documented).containsAll(ConsentServletSetup.PARAMETERS);
    }

    @Test
    void listsNoNameThatDoesNotExist() throws Exception {
        Set<String> known = new TreeSet<>(bootProperties());
        known.addAll(ConsentServletSetup.PARAMETERS);

        assertThat(known).containsAll(documented().keySet());
    }

    @Test
    void everyServletParameterIsASpringBootPropertyOfTheSameName() throws Exception {
        assertThat(bootProperties()).containsAll(ConsentServletSetup.PARAMETERS);
    }

    @Test
    void saysWhereEachNameApplies() throws Exception {
        documented()
                .forEach((name, where) -> assertThat(where)
                        .as(name)
                        .isEqualTo(ConsentServletSetup.PARAMETERS.contains(name) ? "both" : "Spring Boot"));
    }
}
