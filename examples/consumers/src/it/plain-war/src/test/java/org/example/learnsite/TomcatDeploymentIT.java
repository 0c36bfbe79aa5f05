package org.example.learnsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WAR in a standalone Tomcat 10.1, installed from Debian's tomcat10 package and started from its binaries
 * as a process of its own, with a private CATALINA_BASE under target/ and one connector on 127.0.0.1. The
 * keys, the auditor's token hash and the ledger's file are context parameters that Tomcat's context descriptor
 * gives the WAR, as a site keeps secrets out of its WAR. A second copy, given a key that is too short, must not
 * start, and Tomcat's log must say which parameter is wrong.
 *
 * <p>Without Tomcat (apt-get install tomcat10) the test is skipped, unless CONSENT4J_E2E=required.
 */
class TomcatDeploymentIT {

    private static final Path TOMCAT_HOME = Path.of("/usr/share/tomcat10");
    /** Only ends a hang: Tomcat answers within seconds. */
    private static final Duration START_BOUND = Duration.ofMinutes(3);

    private static final String AUDITOR_TOKEN = "auditor-token-for-the-tomcat-test";

    private static Process tomcat;
    private static Path base;
    private static String site;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTomcat() throws Exception {
        boolean installed = Files.isRegularFile(TOMCAT_HOME.resolve("bin/catalina.sh"))
                && Files.isRegularFile(TOMCAT_HOME.resolve("etc/web.xml"));
        if (!installed) {
            String message = "no Tomcat 10.1 at " + TOMCAT_HOME + " (apt-get install tomcat10)";
            if ("required".equals(System.getenv("CONSENT4J_E2E"))) {
                fail(message + ", and CONSENT4J_E2E=required");
            }
            Assumptions.abort("skipped: " + message);
        }
        base = Path.of("target/tomcat-base").toAbsolutePath();
        deleteRecursively(base);
        for (String dir : new String[] {"conf/Catalina/localhost", "webapps", "logs", "temp", "work"}) {
            Files.createDirectories(base.resolve(dir));
        }
        int port = freePort();
        Files.writeString(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Service name="Catalina">
                    <Connector address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="20000"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port));
        // The package's defaults: the default servlet, which serves the banner's assets from the jar, and MIME types.
        Files.copy(TOMCAT_HOME.resolve("etc/web.xml"), base.resolve("conf/web.xml"));

        Path war = Path.of(System.getProperty("learnsite.war"));
        Files.copy(war, base.resolve("webapps/learnsite.war"));
        Files.writeString(base.resolve("conf/Catalina/localhost/learnsite.xml"), descriptor(cookieKey(), "learnsite"));
        Files.copy(war, base.resolve("webapps/broken.war"));
        Files.writeString(base.resolve("conf/Catalina/localhost/broken.xml"), descriptor("k1:c2hvcnQ=", "broken"));

        ProcessBuilder start = new ProcessBuilder(
                        TOMCAT_HOME.resolve("bin/catalina.sh").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("logs/console.log").toFile());
        start.environment().put("CATALINA_HOME", TOMCAT_HOME.toString());
        start.environment().put("CATALINA_BASE", base.toString());
        start.environment().put("CATALINA_TMPDIR", base.resolve("temp").toString());
        start.environment().put("JAVA_HOME", System.getProperty("java.home"));
        tomcat = start.start();
        site = "http://127.0.0.1:" + port;
        awaitAnswer(site + "/learnsite/course");
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        if (tomcat == null) {
            return;
        }
        // catalina.sh run became the JVM itself (exec): TERM runs Tomcat's shutdown hook, which stops the WARs.
        tomcat.destroy();
        if (!tomcat.waitFor(START_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            tomcat.destroyForcibly().waitFor();
        }
    }

    @Test
    void theBannersAssetsLoad() throws Exception {
        HttpResponse<String> page = get("/learnsite/course", null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"consent4j-config\"");

        HttpResponse<String> script = get(asset(page.body(), "src=\"([^\"]*/consent\\.js)\""), null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("javascript"));
        assertThat(script.body()).contains("consent4j");

        HttpResponse<String> stylesheet = get(asset(page.body(), "href=\"([^\"]*/consent\\.css)\""), null);
        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/css"));
    }

    @Test
    void theFilterHoldsBackTheAnalyticsCookieUntilTheChoiceIsRecorded() throws Exception {
        assertThat(get("/learnsite/course", null).headers().allValues("Set-Cookie"))
                .as("before any choice")
                .noneMatch(cookie -> cookie.startsWith("_pk_id"));

        HttpResponse<String> choice = http.send(
                HttpRequest.newBuilder(URI.create(site + "/learnsite/consent"))
                        .header("Content-Type", "application/json")
                        .header("Origin", site)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"action\":\"accept_all\",\"layer\":\"first_layer\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(choice.statusCode()).as(choice.body()).isEqualTo(200);
        String consent = choice.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("consent4j="))
                .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .findFirst()
                .orElseThrow();

        assertThat(get("/learnsite/course", consent).headers().allValues("Set-Cookie"))
                .as("after accept all")
                .anyMatch(cookie -> cookie.startsWith("_pk_id.1.abcd="));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpResponse<String> export = http.send(
                HttpRequest.newBuilder(URI.create(site + "/learnsite/consent-audit/export?from=" + today.minusDays(1)
                                + "&to=" + today.plusDays(1)))
                        .header("Authorization", "Bearer " + AUDITOR_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).as("the recorded choice").contains("\"event\":\"given\"");
        assertThat(Files.list(base.resolve("ledger")).map(Path::getFileName).map(Path::toString))
                .as("the H2 ledger file")
                .anyMatch(name -> name.startsWith("learnsite"));
    }

    @Test
    void aWarWithABadParameterDoesNotStartAndTomcatsLogNamesTheParameter() throws Exception {
        assertThat(get("/broken/course", null).statusCode()).isEqualTo(404);
        assertThat(Files.readString(base.resolve("logs/console.log")))
                .contains("consent4j setup")
                .contains("consent4j.cookie.keys");
    }

    /** Tomcat's context descriptor for the WAR {@code name}: what the site keeps out of its WAR. */
    private static String descriptor(String cookieKeys, String name) throws Exception {
        byte[] tokenHash =
                MessageDigest.getInstance("SHA-256").digest(AUDITOR_TOKEN.getBytes(StandardCharsets.UTF_8));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Context>
                  <Parameter name="consent4j.cookie.keys" value="%s" override="false"/>
                  <Parameter name="consent4j.receipt.key" value="%s" override="false"/>
                  <Parameter name="consent4j.audit.token-hashes" value="%s" override="false"/>
                  <Parameter name="consent4j.ledger.path" value="%s" override="false"/>
                </Context>
                """.formatted(
                        cookieKeys,
                        receiptKey(),
                        HexFormat.of().formatHex(tokenHash),
                        base.resolve("ledger").resolve(name));
    }

    private static String cookieKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "k1:" + Base64.getEncoder().encodeToString(key);
    }

    private static String receiptKey() throws Exception {
        return Base64.getEncoder()
                .encodeToString(KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPrivate()
                        .getEncoded());
    }

    private String asset(String page, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(page);
        assertThat(matcher.find()).as("%s in %s", pattern, page).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until Tomcat answers {@code url}. Tomcat opens its connector only after it deployed the WARs, so an
     * answer means both are deployed or failed. Ends early when the process ends.
     */
    private static void awaitAnswer(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant bound = Instant.now().plus(START_BOUND);
        while (true) {
            try {
                client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (ConnectException notYet) {
                // Not listening yet; look again once the process has had a moment, or has ended.
            }
            if (tomcat.waitFor(100, TimeUnit.MILLISECONDS) || Instant.now().isAfter(bound)) {
                fail("Tomcat did not answer " + url + "; its output:\n"
                        + Files.readString(base.resolve("logs/console.log")));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
