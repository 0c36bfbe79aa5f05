/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the H2 file at {@code consent4j.ledger.path} the site's ledger unless a database is configured.
 * The site has the JDBC starter so that {@code spring.datasource.url} alone moves the ledger to
 * PostgreSQL; but with H2 on the class path and no URL, Spring Boot would create an in-memory H2
 * {@code DataSource}, the starter would keep the ledger there, and every record would be gone at the
 * next start. So without {@code spring.datasource.url} (or {@code jndi-name}) this excludes Spring Boot's
 * {@code DataSource} auto-configuration, and the starter uses the file. Runs after the configuration
 * files are read, so the URL may come from any of them, from the environment or the command line.
 */
class FileLedgerDefault implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (isSet(environment.getProperty("spring.datasource.url"))
                || isSet(environment.getProperty("spring.datasource.jndi-name"))) {
            return;
        }
        List<String> excluded = new ArrayList<>(Binder.get(environment)
                .bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
                .orElse(List.of()));
        excluded.add(DataSourceAutoConfiguration.class.getName());
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "learningSiteFileLedger", Map.of("spring.autoconfigure.exclude", String.join(",", excluded))));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
