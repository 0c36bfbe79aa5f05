/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Checks what a release would send to Maven Central, after Central's plugin staged it: every published
 * artifact with its jar, sources, Javadoc and flattened POM (the BOM: its POM), each signed unless signing was
 * skipped, and nothing else of ours. Run by the release profile as
 * {@code java ReleaseBundleCheck.java ROOT_TARGET VERSION GPG_SKIPPED}; prints the bundle's files.
 *
 * <p>Central's plugin stages a release's files into target/central-publishing/central-bundle.zip and a
 * snapshot's into target/central-deferred, both under the top of the reactor.
 */
public final class ReleaseBundleCheck {

    private static final Map<String, List<String>> PUBLISHED = new LinkedHashMap<>();

    static {
        // Classifiers after the POM: "" is the main jar.
        PUBLISHED.put("consent-core", List.of("", "sources", "javadoc", "tests", "verifier"));
        PUBLISHED.put("consent-servlet", List.of("", "sources", "javadoc", "tests"));
        PUBLISHED.put("consent-banner-assets", List.of("", "sources", "javadoc", "tests"));
        PUBLISHED.put("consent-spring-boot-starter", List.of("", "sources", "javadoc"));
        PUBLISHED.put("consent-bom", List.of());
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        String version = args[1];
        boolean signed = !(args[2].isEmpty() || args[2].equals("true"));
        Map<String, byte[]> files = version.endsWith("-SNAPSHOT")
                ? staged(target.resolve("central-deferred"))
                : bundled(target.resolve("central-publishing/central-bundle.zip"));

        List<String> problems = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        PUBLISHED.forEach((artifactId, classifiers) -> {
            String prefix = "io/consent4j/" + artifactId + "/" + version + "/" + artifactId + "-" + version;
            expected.add(prefix + ".pom");
            classifiers.forEach(classifier -> expected.add(prefix + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar"));
        });
        for (String name : expected) {
            if (!files.containsKey(name)) {
                problems.add("missing " + name);
            } else if (signed && !files.containsKey(name + ".asc")) {
                problems.add("not signed: " + name);
            }
            if (name.endsWith(".pom") && files.containsKey(name)) {
                String pom = new String(files.get(name), StandardCharsets.UTF_8);
                if (pom.contains("<parent>")) {
                    problems.add(name + " names a parent, which is never published");
                }
                if (pom.contains("${")) {
                    problems.add(name + " has an unresolved property");
                }
            }
        }
        for (String name : files.keySet()) {
            String artifactId = name.split("/")[2];
            if (!PUBLISHED.containsKey(artifactId)) {
                problems.add("not to be published: " + name);
            }
        }

        files.keySet().stream()
                .filter(name -> !name.endsWith(".asc") && !name.matches(".*\\.(md5|sha1|sha256|sha512)$"))
                .forEach(name -> System.out.println("  " + name + (files.containsKey(name + ".asc") ? " (+ .asc)" : "")));
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("release bundle: " + problem));
            System.exit(1);
        }
        System.out.println("release bundle: " + PUBLISHED.size() + " artifacts, each with everything Central requires"
                + (signed ? ", signed" : " (signing skipped)"));
    }

    /** The files under {@code dir}, by their path in the repository layout, without Maven's metadata. */
    private static Map<String, byte[]> staged(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().startsWith("consent"))
                    .forEach(path -> files.put(dir.relativize(path).toString().replace('\\', '/'), read(path)));
        }
        return files;
    }

    private static Map<String, byte[]> bundled(Path zip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipFile bundle = new ZipFile(zip.toFile())) {
            for (var entry : java.util.Collections.list(bundle.entries())) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), bundle.getInputStream(entry).readAllBytes());
                }
            }
        }
        return files;
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
