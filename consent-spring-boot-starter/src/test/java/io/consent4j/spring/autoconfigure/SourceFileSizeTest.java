/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps every main source file of the project short enough to read as one job: a file that grows
 * past the limit is a sign that a second responsibility moved in and wants its own class. It lives in the
 * starter, beside {@link DocsLinksTest}, because the starter already reads the repository from its root.
 */
class SourceFileSizeTest {

    /** The most lines a main source file may have. */
    static final int MAX_LINES = 400;

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The modules whose main sources are checked: the published ones, the demos and the benchmarks. */
    private static final List<String> MODULES = List.of(
            "consent-core",
            "consent-servlet",
            "consent-banner-assets",
            "consent-spring-boot-starter",
            "examples/learning-site",
            "examples/servlet-site",
            "examples/presets",
            "benchmarks");

    /** Longer by nature: one properties class whose length is the Javadoc of every property. */
    private static final Set<String> EXEMPT = Set.of(
            "consent-spring-boot-starter/src/main/java/io/consent4j/spring/autoconfigure/ConsentProperties.java");

    /**
     * Files still over the limit that wait for their own split. The list may only shrink: a file on it that
     * has come under the limit fails the test until it is taken off.
     */
    private static final Set<String> NOT_YET_SPLIT = Set.of();

    @Test
    void noMainSourceFileIsLongerThanTheLimit() throws IOException {
        Map<String, Integer> tooLong = new TreeMap<>();
        Map<String, Integer> waiting = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            Path sources = ROOT.resolve(module).resolve(Path.of("src", "main", "java"));
            assertThat(sources).as("main sources of %s", module).isDirectory();
            try (Stream<Path> walk = Files.walk(sources)) {
                walk.filter(file -> file.toString().endsWith(".java")).forEach(files::add);
            }
        }
        for (Path file : files) {
            String name = ROOT.relativize(file).toString().replace('\\', '/');
            int lines = lines(Files.readString(file));
            if (NOT_YET_SPLIT.contains(name)) {
                waiting.put(name, lines);
            } else if (lines > MAX_LINES && !EXEMPT.contains(name)) {
                tooLong.put(name, lines);
            }
        }
        assertThat(tooLong)
                .as("main source files over %d lines (file=lines); split them by responsibility", MAX_LINES)
                .isEmpty();
        assertThat(waiting.keySet())
                .as("files listed in NOT_YET_SPLIT must exist")
                .containsExactlyInAnyOrderElementsOf(NOT_YET_SPLIT);
        assertThat(waiting)
                .as("files in NOT_YET_SPLIT (file=lines) that are now within %d lines; take them off", MAX_LINES)
                .allSatisfy((name, lines) -> assertThat(lines).isGreaterThan(MAX_LINES));
    }

    @Test
    void countsLinesAsAnEditorShowsThem() {
        assertThat(lines("")).isZero();
        assertThat(lines("a\n")).isEqualTo(1);
        assertThat(lines("a\nb")).isEqualTo(2);
        assertThat(lines("a\r\nb\n")).isEqualTo(2);
    }

    /** Lines as an editor shows them: a last line without a newline still counts. */
    private static int lines(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int count = (int) text.chars().filter(c -> c == '\n').count();
        return text.endsWith("\n") ? count : count + 1;
    }
}
