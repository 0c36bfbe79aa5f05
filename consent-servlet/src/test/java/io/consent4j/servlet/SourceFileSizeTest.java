/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps every main source file of consent-servlet short enough to read as one job: a file that grows past
 * the limit is a sign that a second responsibility moved in and wants its own class.
 */
class SourceFileSizeTest {

    /** The most lines a main source file may have. */
    static final int MAX_LINES = 400;

    /**
     * Files still over the limit that wait for their own split. The list may only shrink: a file on it that
     * has come under the limit fails the test until it is taken off.
     */
    static final Set<String> NOT_YET_SPLIT = Set.of(
            Path.of("io", "consent4j", "servlet", "ConsentAssembly.java").toString(),
            Path.of("io", "consent4j", "servlet", "ConsentSettings.java").toString());

    /** The module's main sources; Maven runs tests in the module directory. */
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

    @Test
    void noMainSourceFileIsLongerThanTheLimit() throws IOException {
        assertThat(MAIN_SOURCES)
                .as("main sources of consent-servlet, seen from the module directory")
                .isDirectory();
        Map<String, Integer> tooLong = new TreeMap<>();
        Map<String, Integer> waiting = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(MAIN_SOURCES)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String name = MAIN_SOURCES.relativize(file).toString();
            int lines = lines(file);
            if (NOT_YET_SPLIT.contains(name)) {
                waiting.put(name, lines);
            } else if (lines > MAX_LINES) {
                tooLong.put(name, lines);
            }
        }
        assertThat(files).as("main source files found").isNotEmpty();
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

    private static int lines(Path file) throws IOException {
        return lines(Files.readString(file));
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
