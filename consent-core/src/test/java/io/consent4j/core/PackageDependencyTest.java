/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which packages of consent-core use which, read from the compiled classes' constant pools: every class
 * a class names, in its own references, descriptors and signatures (imports alone miss a type that is
 * only named by a method it calls). String constants are left out, as they are not references.
 */
class PackageDependencyTest {

    private static final String CORE = "io.consent4j.core";

    /** A class name in a constant: its package is the lower-case path before the capitalised name. */
    private static final Pattern CLASS_NAME = Pattern.compile("io/consent4j/core((?:/[a-z_][a-z0-9_]*)*)/[A-Z]");

    private static Map<String, Set<String>> uses;

    @BeforeAll
    static void readClasses() throws Exception {
        Path classes = Path.of(ConsentManager.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(classes).as("consent-core's classes as a directory").isDirectory();
        uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/consent4j/core"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String from = classes.relativize(file.getParent())
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".");
                Set<String> targets = uses.computeIfAbsent(from, p -> new TreeSet<>());
                for (String constant : classConstants(Files.readAllBytes(file))) {
                    Matcher name = CLASS_NAME.matcher(constant);
                    while (name.find()) {
                        String to = CORE + name.group(1).replace('/', '.');
                        if (!to.equals(from)) {
                            targets.add(to);
                        }
                    }
                }
            }
        }
    }

    @Test
    void ledgerDoesNotUseReceipts() {
        assertThat(uses.get(CORE + ".ledger")).doesNotContain(CORE + ".receipt");
        assertThat(uses.get(CORE + ".ledger.jdbc")).doesNotContain(CORE + ".receipt");
    }

    @Test
    void signingUsesNoOtherPackageOfConsent4j() {
        assertThat(uses.get(CORE + ".signing")).isEmpty();
    }

    @Test
    void packagesFormNoCycle() {
        assertThat(cycles(uses)).as("package cycles in consent-core").isEmpty();
    }

    @Test
    void onlyTheManagerUsesTheRootPackage() {
        uses.forEach((from, targets) ->
                assertThat(targets).as("%s uses the root package", from).doesNotContain(CORE));
    }

    @Test
    void theTokenAndTheDecisionKnowNothingOfRecords() {
        for (String concept : List.of(CORE + ".token", CORE + ".decision")) {
            assertThat(uses.getOrDefault(concept, Set.of()))
                    .as("%s's uses", concept)
                    .doesNotContain(CORE + ".ledger", CORE + ".receipt", CORE + ".signing");
        }
    }

    /** The cycles of {@code graph}, one through each package not on an earlier one, as {@code a -> b -> a}. */
    private static List<String> cycles(Map<String, Set<String>> graph) {
        List<String> cycles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String start : graph.keySet()) {
            if (seen.contains(start)) {
                continue;
            }
            List<String> cycle = shortestCycle(graph, start);
            if (cycle != null) {
                seen.addAll(cycle);
                cycles.add(String.join(" -> ", cycle));
            }
        }
        return cycles;
    }

    /** The shortest path from {@code start} back to itself, found breadth first; null when there is none. */
    private static List<String> shortestCycle(Map<String, Set<String>> graph, String start) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String next : graph.getOrDefault(at, Set.of())) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String step = at; !step.equals(start); step = cameFrom.get(step)) {
                        path.add(1, step);
                    }
                    path.add(start);
                    return path;
                }
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    /**
     * The UTF-8 constants of a class file (JVMS 4.4) other than the values of string literals: class
     * names, descriptors, signatures and member names.
     */
    private static List<String> classConstants(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Map<Integer, String> utf8 = new HashMap<>();
        Set<Integer> literals = new HashSet<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(index, in.readUTF());
                case 8 -> literals.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    index++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        literals.forEach(utf8::remove);
        return new ArrayList<>(utf8.values());
    }
}
