/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit bundle over real HTTP on Jetty 12: downloaded, unzipped into a fresh folder and checked there
 * with the verifier jar it carries, in a {@code java -jar} process of its own, as an outside auditor would
 * (C24, C25).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditBundleIT {

    private static final String RANGE = "?from=2026-03-01&to=2026-03-31";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Site site;

    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        site = Site.start();
        site.postJson("{\"action\":\"accept_all\"}");
        site.postJson("{\"action\":\"reject_all\"}");
        site.postJson("{\"action\":\"custom\",\"categories\":[\"analytics\"]}");
        site.ledger.checkpoint();
    }

    @AfterAll
    void stop() {
        site.close();
    }

    private HttpResponse<byte[]> bundle(String query, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(site.uri("/consent-audit/bundle" + query));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Downloads the bundle of March and unzips it into a fresh folder. */
    private Path downloadAndUnzip() throws Exception {
        HttpResponse<byte[]> reply = bundle(RANGE, "Authorization", "Bearer " + Site.AUDITOR_TOKEN);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(reply.headers().firstValue("Consent-Verification")).hasValue("ok");
        Path folder = Files.createTempDirectory(dir, "bundle");
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(reply.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = folder.resolve(entry.getName()).normalize();
                assertThat(file.startsWith(folder)).as(entry.getName()).isTrue();
                Files.createDirectories(file.getParent());
                Files.write(file, zip.readAllBytes());
            }
        }
        return folder;
    }

    private record Run(int status, String output) {}

    /** Runs the bundle's verifier jar in a process of its own, in the bundle's folder. */
    private static Run verify(Path folder) throws IOException, InterruptedException {
        Path jar;
        try (Stream<Path> files = Files.list(folder)) {
            jar = files.filter(f -> f.getFileName().toString().endsWith("-verifier.jar"))
                    .findFirst()
                    .orElseThrow();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-jar",
                        jar.getFileName().toString(),
                        "--key",
                        "public-key.jwk",
                        "export.ndjson")
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Run(process.waitFor(), output);
    }

    @Test
    void theBundleVerifiesOnAnotherMachineWithTheVerifierJarItCarries_C24_C25() throws Exception {
        Path folder = downloadAndUnzip();

        Run run = verify(folder);

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("RESULT: OK");
    }

    @Test
    void oneChangedByteInARecordFailsTheVerifierWhichNamesTheRecord_C24() throws Exception {
        Path folder = downloadAndUnzip();
        Path export = folder.resolve("export.ndjson");
        List<String> lines = new ArrayList<>(Files.readAllLines(export, StandardCharsets.UTF_8));
        int second = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"seq\":2,")) {
                second = i;
            }
        }
        assertThat(second).as("the line of record 2").isPositive();
        String line = lines.get(second);
        int at = line.indexOf("\"locale\":\"") + "\"locale\":\"".length();
        char changed = line.charAt(at) == 'd' ? 'e' : 'd';
        lines.set(second, line.substring(0, at) + changed + line.substring(at + 1));
        Files.write(export, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));

        Run run = verify(folder);

        assertThat(run.status()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED at record 2").contains("RESULT: FAILED");
    }

    @Test
    void theBundleHoldsThePolicyTextsTheKeyAReadmeAndTheChecksums_C22() throws Exception {
        Path folder = downloadAndUnzip();

        List<Path> policies;
        try (Stream<Path> files = Files.list(folder.resolve("policies"))) {
            policies = files.toList();
        }
        assertThat(policies).hasSize(1);
        String hash = sha256(Files.readAllBytes(policies.get(0)));
        assertThat(policies.get(0).getFileName().toString()).isEqualTo(hash + ".json");
        assertThat(Files.readString(folder.resolve("export.ndjson"))).contains("\"policyHash\":\"" + hash + "\"");
        assertThat(Files.readString(folder.resolve("public-key.jwk"))).isEqualTo(Site.SIGNER.publicJwk());
        String readme = Files.readString(folder.resolve("README.md"));
        assertThat(readme)
                .contains("## English", "## Deutsch", "java -jar consent-core-", "--key public-key.jwk export.ndjson")
                .doesNotContain("{{");
        List<String> sums = Files.readAllLines(folder.resolve("SHA256SUMS"));
        assertThat(sums).hasSize(5);
        for (String sum : sums) {
            String[] parts = sum.split(" {2}", 2);
            assertThat(sha256(Files.readAllBytes(folder.resolve(parts[1]))))
                    .as(parts[1])
                    .isEqualTo(parts[0]);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "?from=2026-03-31&to=2026-03-01",
                "?from=yesterday&to=2026-03-01",
                "?from=2024-01-01&to=2026-03-01",
                "?from=0999-01-01&to=2026-03-01"
            })
    void badRangesGetA400Problem_C25(String query) throws Exception {
        HttpResponse<byte[]> reply = bundle(query, "Authorization", "Bearer " + Site.AUDITOR_TOKEN);

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void theDownloadIsLoggedWithItsRangeOnly_C23_C25() throws Exception {
        try (LogCapture log = LogCapture.of(AuditEndpoint.class)) {
            bundle(RANGE, "Authorization", "Bearer " + Site.AUDITOR_TOKEN);
            site.get("/consent-audit/cookies", "Authorization", "Bearer " + Site.AUDITOR_TOKEN);

            assertThat(log.messages()).hasSize(2);
            assertThat(log.messages().get(0))
                    .contains("/consent-audit/bundle?from=2026-03-01&to=2026-03-31", "200")
                    .doesNotContain(Site.AUDITOR_TOKEN);
            assertThat(log.messages().get(1)).contains("/consent-audit/cookies", "200");
        }
    }

    @Test
    void theBundleIsForAuditorsOnly_C25() throws Exception {
        assertThat(bundle(RANGE).statusCode()).isEqualTo(401);
        assertThat(bundle(RANGE, "Authorization", "Bearer nope").statusCode()).isEqualTo(403);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
