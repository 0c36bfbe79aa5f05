/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/API.md} the whole public surface of the published modules: every public top-level type
 * is listed there with the reason it is public, and every type listed there is public. A type made public
 * without a reason, or one made package-private without taking it off the page, fails the build.
 */
class PublicApiTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final List<String> MODULES =
            List.of("consent-core", "consent-servlet", "consent-banner-assets", "consent-spring-boot-starter");

    /** A top-level type declared public, at the start of a line as the formatter writes it. */
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public (?:(?:final|abstract|sealed|non-sealed|static) )*(?:class|interface|record|enum|@interface) (\\w+)",
            Pattern.MULTILINE);

    /** A row of the page's tables: its first cell names the type, fully qualified, in backticks. */
    private static final Pattern LISTED_TYPE = Pattern.compile("^\\| `(io\\.consent4j\\.[\\w.]+)` \\| (.+) \\|$");

    @Test
    void everyPublicTypeIsListedWithItsReasonAndEveryListedTypeIsPublic() throws IOException {
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/API.md"))) {
            Matcher row = LISTED_TYPE.matcher(line);
            if (row.matches()) {
                assertThat(listed.add(row.group(1)))
                        .as("%s is listed twice", row.group(1))
                        .isTrue();
                assertThat(row.group(2).strip())
                        .as("the reason %s is public", row.group(1))
                        .isNotBlank();
            }
        }

        Set<String> declared = publicTypes();

        assertThat(declared)
                .as(
                        "public types missing from docs/API.md: list each with why it is public, or make it package-private")
                .isSubsetOf(listed);
        assertThat(listed)
                .as("types in docs/API.md that are not public (any more): take them off the page")
                .isSubsetOf(declared);
    }

    @Test
    void theInternalPackageIsNamedAsNotApi() throws IOException {
        assertThat(Files.readString(ROOT.resolve("docs/API.md"))).contains("`io.consent4j.core.internal` is not API");
    }

    private static Set<String> publicTypes() throws IOException {
        Set<String> types = new TreeSet<>();
        for (String module : MODULES) {
            Path sources = ROOT.resolve(module).resolve(Path.of("src", "main", "java"));
            assertThat(sources).as("main sources of %s", module).isDirectory();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(file -> file.toString().endsWith(".java")).toList();
            }
            for (Path file : files) {
                Matcher declaration = PUBLIC_TYPE.matcher(Files.readString(file));
                if (declaration.find()) {
                    String pkg = sources.relativize(file.getParent())
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), ".");
                    types.add(pkg + "." + declaration.group(1));
                }
            }
        }
        return types;
    }
}
