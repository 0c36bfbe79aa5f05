package org.example.learnsite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The site started on a random port of 127.0.0.1: it shows the banner, a visitor's choice is recorded, and
 * an auditor exports it. Only the auditor's token and where the ledger file goes are set for the test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "consent4j.ledger.path=target/consent-ledger/ledger"})
class LearnsiteApplicationTest {

    private static final String AUDITOR_TOKEN = "auditor-token-for-the-consumer-test";

    @DynamicPropertySource
    static void auditor(DynamicPropertyRegistry registry) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(AUDITOR_TOKEN.getBytes(StandardCharsets.UTF_8));
        registry.add("consent4j.audit.token-hashes", () -> HexFormat.of().formatHex(hash));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void showsTheBannerRecordsAChoiceAndExportsIt() throws Exception {
        String base = "http://127.0.0.1:" + port;

        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"consent4j-config\"").doesNotContain("id=\"analytics\"");
        Matcher script = Pattern.compile("src=\"([^\"]*/consent\\.js)\"").matcher(page.body());
        assertThat(script.find()).as("the banner script in the page: %s", page.body()).isTrue();
        HttpResponse<String> js = send(HttpRequest.newBuilder(URI.create(base + script.group(1))));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .contains("javascript"));

        HttpResponse<String> choice = send(HttpRequest.newBuilder(URI.create(base + "/consent"))
                .header("Content-Type", "application/json")
                .header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"accept_all\",\"layer\":\"first_layer\"}")));
        assertThat(choice.statusCode()).as(choice.body()).isEqualTo(200);
        String cookie = choice.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("consent4j="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> after = send(HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie));
        assertThat(after.body()).contains("id=\"analytics\"");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        HttpResponse<String> export = send(HttpRequest.newBuilder(URI.create(base + "/consent-audit/export?from="
                        + today.minusDays(1) + "&to=" + today.plusDays(1)))
                .header("Authorization", "Bearer " + AUDITOR_TOKEN));
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains("\"given\"").contains("analytics");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
