/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.receipt.VerifyCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The offline verifier as a self-contained jar ({@code java -jar}), put together at run time from the
 * classes this server runs: consent-core and the libraries it needs (Jackson, SLF4J's API), the same set
 * that consent-core's build shades into {@code consent-core-VERSION-verifier.jar}.
 *
 * <p>Why at run time: the server then needs nothing beyond its own class path, whatever packaged it (a
 * plain WAR's {@code WEB-INF/lib}, Spring Boot's nested jars, an IDE's class folders), and the bundle's
 * verifier is always the code that wrote the export. Each library is read from where its classes were
 * loaded ({@link CodeSource}): a folder, a jar file, or a jar inside another jar through its
 * {@link JarURLConnection}. Signatures and {@code module-info} are left out, service files are merged,
 * and every entry gets a fixed time, so the same libraries always make the same jar.
 */
final class VerifierJar {

    /** A class of each library the verifier needs, as consent-core's shade configuration lists them. */
    private static final List<String> LIBRARIES = List.of(
            "io.consent4j.core.receipt.VerifyCommand",
            "tools.jackson.databind.json.JsonMapper",
            "tools.jackson.core.JsonParser",
            "com.fasterxml.jackson.annotation.JsonProperty",
            "org.slf4j.LoggerFactory");

    /** 1980-02-01, the earliest time a zip entry holds exactly. */
    private static final long FIXED_TIME = 318_211_200_000L;

    private static volatile byte[] cached;

    private VerifierJar() {}

    /** The jar's bytes, made on first use and kept. */
    static byte[] bytes() {
        byte[] jar = cached;
        if (jar == null) {
            synchronized (VerifierJar.class) {
                jar = cached;
                if (jar == null) {
                    jar = build();
                    cached = jar;
                }
            }
        }
        return jar;
    }

    /** The file name of the jar in a bundle, as consent-core's build names it. */
    static String fileName() {
        return "consent-core-" + ModuleVersion.read() + "-verifier.jar";
    }

    private static byte[] build() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, VerifyCommand.class.getName());
        manifest.getMainAttributes().put(new Attributes.Name("Created-By"), "consent4j " + ModuleVersion.read());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 << 20);
        Map<String, StringBuilder> services = new LinkedHashMap<>();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(FIXED_TIME);
            out.putNextEntry(manifestEntry);
            manifest.write(out);
            out.closeEntry();
            Set<String> written = new HashSet<>();
            for (String library : LIBRARIES) {
                copy(location(library), new Sink(out, written, services));
            }
            for (Map.Entry<String, StringBuilder> service : services.entrySet()) {
                add(
                        out,
                        service.getKey(),
                        service.getValue().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the verifier jar together", e);
        }
        return bytes.toByteArray();
    }

    private static URL location(String className) {
        try {
            Class<?> type = Class.forName(className, false, VerifierJar.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("cannot tell where " + className + " was loaded from");
            }
            return source.getLocation();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the verifier needs " + className + " on the class path", e);
        }
    }

    /** Copies every entry of the library at {@code location}: a folder, a jar file, or a jar in a jar. */
    private static void copy(URL location, Sink sink) throws IOException {
        if (location.getProtocol().equals("file")) {
            Path path;
            try {
                path = Path.of(location.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("not a file location: " + location, e);
            }
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    sink.accept(path.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
                return;
            }
            try (InputStream in = Files.newInputStream(path)) {
                copyZip(in, sink);
            }
            return;
        }
        URLConnection connection = location.openConnection();
        connection.setUseCaches(false);
        if (connection instanceof JarURLConnection jar && jar.getEntryName() == null) {
            // A jar inside another jar (Spring Boot's jar:nested:…!/), opened as a jar.
            try (JarFile file = jar.getJarFile()) {
                List<JarEntry> entries = new ArrayList<>();
                for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                    entries.add(e.nextElement());
                }
                for (JarEntry entry : entries) {
                    if (!entry.isDirectory()) {
                        try (InputStream in = file.getInputStream(entry)) {
                            sink.accept(entry.getName(), in.readAllBytes());
                        }
                    }
                }
            }
            return;
        }
        try (InputStream in = connection.getInputStream()) {
            copyZip(in, sink);
        }
    }

    private static void copyZip(InputStream in, Sink sink) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory()) {
                    sink.accept(entry.getName(), zip.readAllBytes());
                }
            }
        }
    }

    private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTime(FIXED_TIME);
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }

    /** Writes each entry once, leaves out what a merged jar must not carry, and collects service files. */
    private record Sink(JarOutputStream out, Set<String> written, Map<String, StringBuilder> services) {
        void accept(String name, byte[] content) throws IOException {
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            if (name.endsWith("module-info.class")
                    || upper.equals("META-INF/MANIFEST.MF")
                    || upper.equals("META-INF/INDEX.LIST")
                    || (upper.startsWith("META-INF/")
                            && upper.indexOf('/', 9) < 0
                            && (upper.endsWith(".SF")
                                    || upper.endsWith(".DSA")
                                    || upper.endsWith(".RSA")
                                    || upper.endsWith(".EC")))) {
                return;
            }
            if (name.startsWith("META-INF/services/")) {
                StringBuilder merged = services.computeIfAbsent(name, key -> new StringBuilder());
                merged.append(new String(content, java.nio.charset.StandardCharsets.UTF_8))
                        .append('\n');
                return;
            }
            if (written.add(name)) {
                add(out, name, content);
            }
        }
    }
}
