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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and {@code docs/*.md} link to each other and into the code; this keeps those links from
 * going stale when a file or a heading moves. It lives in the starter, next to
 * {@link ConfigurationDocsTest}, because the starter already reads the docs from the repository root.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");
    private static final Pattern FENCE = Pattern.compile("^\\s*```");
    private static final Pattern CITED_TEST =
            Pattern.compile("`([A-Z][A-Za-z0-9]*(?:IT|Test|Contract))\\.([a-zA-Z0-9_]+)`");

    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The lines outside fenced code blocks, where Markdown links and headings are. */
    private static List<String> prose(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inFence = false;
        for (String line : Files.readAllLines(file)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
            } else if (!inFence) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as dashes. */
    private static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(file)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = heading.group(1)
                        .strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    @Test
    void everyRelativeLinkPointsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            for (String line : prose(file)) {
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue; // https:, mailto: and the like are not checked here
                    }
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path resolved = path.isEmpty()
                            ? file
                            : file.getParent().resolve(path).normalize();
                    String where = ROOT.relativize(file) + ": " + target;
                    if (!Files.exists(resolved)) {
                        broken.add(where + " (no such file)");
                    } else if (hash >= 0
                            && resolved.toString().endsWith(".md")
                            && !anchors(resolved).contains(target.substring(hash + 1))) {
                        broken.add(where + " (no such heading)");
                    }
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyTestTheComplianceMapCitesExists() throws IOException {
        String map = Files.readString(ROOT.resolve("docs/COMPLIANCE.md"));
        Map<String, String> testSources = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")
                            && p.toString().contains("/src/test/java/")
                            && !p.toString().contains("/target/"))
                    .toList()) {
                String name = source.getFileName().toString().replace(".java", "");
                testSources.merge(name, Files.readString(source), String::concat);
            }
        }
        List<String> cited = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Matcher test = CITED_TEST.matcher(map);
        while (test.find()) {
            cited.add(test.group());
            String source = testSources.get(test.group(1));
            if (source == null || !source.contains("void " + test.group(2) + "(")) {
                missing.add(test.group(1) + "." + test.group(2));
            }
        }
        assertThat(cited).as("tests cited in docs/COMPLIANCE.md").hasSizeGreaterThan(28);
        assertThat(missing).as("cited tests that do not exist").isEmpty();
    }
}
