/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.assets.BannerAssets;
import io.consent4j.core.token.ConsentId;
import io.consent4j.servlet.ConsentFilter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each library jar, as packaged, has a stable name on the module path (its {@code Automatic-Module-Name}),
 * so that applications with a {@code module-info.java} can write {@code requires io.consent4j.core;}.
 * Runs after {@code package}, when the classes come from the jars; the starter depends on all of them.
 */
class ModuleNamesIT {

    static Set<Map.Entry<Class<?>, String>> libraries() {
        return Map.<Class<?>, String>of(
                        ConsentId.class, "io.consent4j.core",
                        ConsentFilter.class, "io.consent4j.servlet",
                        BannerAssets.class, "io.consent4j.assets",
                        ConsentAutoConfiguration.class, "io.consent4j.spring")
                .entrySet();
    }

    @ParameterizedTest
    @MethodSource("libraries")
    void everyLibraryJarNamesItsModule(Map.Entry<Class<?>, String> library) throws Exception {
        Path jar = Path.of(library.getKey()
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(jar.getFileName().toString()).as("packaged as a jar").endsWith(".jar");

        Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();

        assertThat(modules)
                .singleElement()
                .extracting(ModuleReference::descriptor)
                .satisfies(module -> {
                    assertThat(module.name()).isEqualTo(library.getValue());
                    assertThat(module.isAutomatic()).isTrue();
                    assertThat(module.packages()).contains(library.getKey().getPackageName());
                })
                .extracting(ModuleDescriptor::name)
                .isEqualTo(library.getValue());
    }
}
