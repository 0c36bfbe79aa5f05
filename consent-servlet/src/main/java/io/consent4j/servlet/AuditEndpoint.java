/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.ledger.ConsentLedger;
import io.consent4j.core.ledger.ConsentRecord;
import io.consent4j.core.ledger.LedgerExport;
import io.consent4j.core.ledger.RecordJson;
import io.consent4j.core.ledger.RetentionJob;
import io.consent4j.core.signing.ReceiptSigner;
import io.consent4j.core.token.ConsentId;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The auditor endpoint, mapped to {@code PATH/*} (default {@code /consent-audit/*}): consent proof for
 * authenticated auditors only (C25). Every request needs {@code Authorization: Bearer TOKEN}, where the
 * SHA-256 of the token (hex) is one of the configured hashes; the comparison takes constant time.
 * Without a token: 401 with {@code WWW-Authenticate: Bearer}; with a wrong one: 403. Every access is
 * logged (logger {@code io.consent4j.servlet.AuditEndpoint}, INFO) with the token's position in the
 * configuration, never the token, and with the path's consent id, account reference or policy hash
 * replaced by a placeholder, valid or not (C23).
 * With {@link Builder#containerAuthentication(boolean)}, a request that the container or a security
 * framework in front of the servlet authenticated is let in without a token.
 *
 * <ul>
 *   <li>{@code GET PATH/consents/{consentId}}, {@code GET PATH/accounts/{accountRef}}: the records, as
 *       {@code {"records":[…]}} in the NDJSON record form.
 *   <li>{@code GET PATH/export?from=…&to=…[&format=ndjson|csv]}: the records with
 *       {@code from <= time < to}, streamed. The range is verified first; the result is in the headers
 *       {@code Consent-Verification} ({@code ok} or {@code failed}), {@code Consent-Verification-Records}
 *       and {@code Consent-Verification-Detail}. NDJSON is {@link LedgerExport}'s format, the input of
 *       the offline verifier: a header with the range and whether it holds the ledger from its start and
 *       to its head, the purge anchors, one record per line, the newest purge record when the range ends
 *       before it, and the signed checkpoints held against the records. CSV has the columns of
 *       {@link AuditExport#CSV_COLUMNS} and ends with a
 *       {@code #verification,ok|failed,records=N,chains=N,"detail"} line.
 *   <li>{@code GET PATH/verify?from=…&to=…}: the verification of the range, as JSON, with its scope.
 *   <li>{@code GET PATH/policies/{hash}}: the archived policy text a record's hash names.
 *   <li>{@code GET PATH/jwk}: the public key of receipts and checkpoints, as a JWK.
 *   <li>{@code GET PATH/stats?from=…&to=…}: events per UTC day, and per category how often it was
 *       granted among the choices (given, updated, withdrawn, parental consent) in the range.
 *   <li>{@code GET PATH/bundle?from=…&to=…}: the audit bundle of the range, a zip for an outside auditor
 *       ({@link AuditBundle}), with the verification headers of the export.
 *   <li>{@code GET PATH/cookies}: the cookie inventory, the cookies the application set that the policy
 *       does not declare ({@link CookieInventoryJson}).
 *   <li>{@code GET PATH/dashboard[/choices|policies|lookup|cookies]}: the HTML dashboard (see
 *       {@code docs/AUDIT.md}); it also takes the token as the password of HTTP Basic authentication,
 *       which a browser can send, and asks for that on 401.
 * </ul>
 *
 * <p>{@code from} and {@code to} are ISO-8601 instants ({@code 2026-03-01T00:00:00Z}) or dates; a date
 * in {@code from} means its start, in {@code to} its end (UTC). A range longer than the configured
 * maximum (default 366 days), {@code from} after {@code to}, a time outside the years 1000 to 9999 that
 * ledgers hold, a malformed id or a query that is not percent-encoded UTF-8 gets 400.
 */
public final class AuditEndpoint extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(AuditEndpoint.class);

    /** The path the endpoint is mapped to unless set otherwise. */
    public static final String DEFAULT_PATH = "/consent-audit";

    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-f]{64}");

    private final transient ConsentLedger ledger;
    private final transient ReceiptSigner signer;
    private final transient List<byte[]> tokenHashes;
    private final boolean containerAuthentication;
    private final transient Clock clock;
    private final transient Duration maxRange;
    private final transient AuditExport export;
    private final transient AuditBundle bundle;
    private final transient CookieInventory inventory;
    private final transient AuditDashboard dashboard;

    private AuditEndpoint(Builder b) {
        this.ledger = b.ledger;
        this.signer = b.signer;
        this.tokenHashes = List.copyOf(b.tokenHashes);
        this.containerAuthentication = b.containerAuthentication;
        this.clock = b.clock;
        this.maxRange = b.maxRange;
        this.export = new AuditExport(ledger, signer.verifier());
        this.bundle = new AuditBundle(ledger, signer, export);
        this.inventory = b.inventory;
        this.dashboard = new AuditDashboard(ledger, signer.verifier(), clock, maxRange, b.retention, b.inventory);
        // With the application, not with the first page: after an upgrade the dashboard's counters are
        // brought up to date in the background, and no auditor waits for it.
        ledger.insights().startCounting();
    }

    /**
     * A builder of an endpoint over {@code ledger}, whose checkpoints and receipts {@code signer} signs.
     */
    public static Builder builder(ConsentLedger ledger, ReceiptSigner signer) {
        return new Builder(ledger, signer);
    }

    /** The hex SHA-256 of {@code token}, as the configuration expects it. */
    public static String hashToken(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The ids an auditor looks up are personal data: the log names the kind of request, never the id (C23).
        String what = AuditLogLine.of(request);
        String who = "anonymous";
        try {
            who = authenticate(request);
            if (!request.getMethod().equals("GET")
                    && !AuditDashboard.allows(request.getMethod(), AuditDashboard.page(request))) {
                throw Problem.methodNotAllowed(request.getMethod(), "GET");
            }
            if (request.getMethod().equals("POST")) {
                // The dashboard's forms carry no CSRF token (and Spring Security's is off here): a browser
                // that holds the auditor's Basic credentials or session must not post for another site.
                SameOrigin.check(request);
            }
            route(request, response);
            LOG.info("Auditor access by {}: {} -> {}", who, what, response.getStatus());
        } catch (Problem problem) {
            // The problem's slug, not its detail: the detail may quote the id the auditor sent.
            LOG.info("Auditor access by {}: {} -> {} ({})", who, what, problem.status(), problem.slug());
            problem.write(response);
        } catch (RuntimeException e) {
            LOG.error(
                    "Auditor access by {}: {} failed: {}",
                    who,
                    what,
                    e.getClass().getName(),
                    e);
            new Problem(500, "internal", "Internal error", "the audit request failed").write(response);
        }
    }

    /** Returns a label of the matching token (its position), never the token. */
    private String authenticate(HttpServletRequest request) {
        if (containerAuthentication && request.getUserPrincipal() != null) {
            return "authenticated user '"
                    + QuotedInput.abbreviate(request.getUserPrincipal().getName()) + "'";
        }
        if (tokenHashes.isEmpty()) {
            throw new Problem(401, "unauthorized", "Unauthorized", "an authenticated auditor is required");
        }
        String header = request.getHeader("Authorization");
        // A browser cannot send a bearer token: the dashboard also takes it as the password of Basic auth.
        String token = AuditDashboard.basicPassword(header);
        if (token == null
                && header != null
                && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && !header.substring(7).isBlank()) {
            token = header.substring(7).strip();
        }
        if (token == null) {
            throw new Problem(401, "unauthorized", "Unauthorized", "an auditor bearer token is required")
                    .header(
                            "WWW-Authenticate",
                            AuditDashboard.page(request) != null
                                    ? "Basic realm=\"consent4j-audit\", charset=\"UTF-8\""
                                    : "Bearer realm=\"consent4j-audit\"");
        }
        byte[] presented = sha256(token);
        int match = -1;
        for (int i = 0; i < tokenHashes.size(); i++) {
            // Every hash is compared, in constant time each, whether or not an earlier one matched.
            if (MessageDigest.isEqual(presented, tokenHashes.get(i)) && match < 0) {
                match = i;
            }
        }
        if (match < 0) {
            throw new Problem(403, "forbidden", "Forbidden", "this bearer token is not an auditor token");
        }
        return "auditor token #" + (match + 1);
    }

    private void route(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        String[] parts = path.substring(1).split("/", -1);
        String head = parts[0];
        String arg = parts.length > 1 ? parts[1] : null;
        if (parts.length > 2) {
            throw Problem.notFound("not-found", "there is nothing at '" + QuotedInput.abbreviate(path) + "'");
        }
        switch (head) {
            case "consents" -> records(response, ledger.findByConsentId(consentId(arg)));
            case "accounts" -> records(response, ledger.findByAccountRef(accountRef(arg)));
            case "policies" -> policy(response, arg);
            case "jwk" -> JsonAnswer.write(response, 200, signer.publicJwk(), "application/jwk+json");
            case "export" -> export.serve(request, response, maxRange, clock);
            case "bundle" -> bundle.write(AuditRange.of(request, maxRange), clock.instant(), response);
            case "cookies" -> JsonAnswer.write(response, 200, CookieInventoryJson.of(inventory), "application/json");
            case "verify" -> {
                AuditRange range = AuditRange.of(request, maxRange);
                LedgerExport.Verified verified = export.verify(range.from(), range.to(), clock.instant());
                ObjectNode body = Problem.JSON.createObjectNode();
                body.put("from", range.from().toString());
                body.put("to", range.to().toString());
                body.set("verification", AuditExport.json(verified));
                JsonAnswer.write(response, 200, Problem.JSON.writeValueAsString(body), "application/json");
            }
            case "dashboard" -> dashboard.serve(request, response, arg);
            case "stats" -> {
                ObjectNode body = AuditStats.of(ledger, AuditRange.of(request, maxRange));
                JsonAnswer.write(response, 200, Problem.JSON.writeValueAsString(body), "application/json");
            }
            default ->
                throw Problem.notFound(
                        "not-found",
                        "there is nothing at '" + QuotedInput.abbreviate(path)
                                + "'; see consents/{id}, accounts/{ref}, export, verify, policies/{hash}, jwk, stats,"
                                + " bundle, cookies, dashboard");
        }
    }

    private static ConsentId consentId(String text) {
        try {
            return ConsentId.parse(text);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("bad-consent-id", e.getMessage());
        }
    }

    private static String accountRef(String text) {
        if (text == null || !HEX_HASH.matcher(text).matches()) {
            throw Problem.badRequest(
                    "bad-account-ref", "an account reference is 64 lower-case hex digits (a keyed hash)");
        }
        return text;
    }

    private static void records(HttpServletResponse response, List<ConsentRecord> records) throws IOException {
        ObjectNode body = Problem.JSON.createObjectNode();
        body.put("count", records.size());
        ArrayNode list = body.putArray("records");
        for (ConsentRecord record : records) {
            list.add(Problem.JSON.readTree(RecordJson.line(record)));
        }
        JsonAnswer.write(response, 200, Problem.JSON.writeValueAsString(body), "application/json");
    }

    private void policy(HttpServletResponse response, String hash) throws IOException {
        if (hash == null || !HEX_HASH.matcher(hash).matches()) {
            throw Problem.badRequest("bad-policy-hash", "a policy hash is 64 lower-case hex digits");
        }
        String text = ledger.findPolicy(hash)
                .orElseThrow(() -> Problem.notFound("no-policy", "no policy is archived under " + hash));
        JsonAnswer.write(response, 200, text, "application/json");
    }

    /** Builds an {@link AuditEndpoint}; each setter rejects a bad value with a message naming it. */
    public static final class Builder {
        private final ConsentLedger ledger;
        private final ReceiptSigner signer;
        private final List<byte[]> tokenHashes = new ArrayList<>();
        private boolean containerAuthentication;
        private Clock clock = Clock.systemUTC();
        private Duration maxRange = Duration.ofDays(366);
        private CookieInventory inventory;
        private Duration retention = RetentionJob.DEFAULT_RETENTION;

        private Builder(ConsentLedger ledger, ReceiptSigner signer) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.signer = Objects.requireNonNull(signer, "signer");
        }

        /**
         * Adds an auditor token, given as the hex SHA-256 of the token (such as
         * {@code printf %s "$TOKEN" | sha256sum}); the token itself is never configured.
         */
        public Builder tokenHash(String sha256Hex) {
            String hex = sha256Hex == null ? "" : sha256Hex.strip().toLowerCase(Locale.ROOT);
            if (!HEX_HASH.matcher(hex).matches()) {
                throw new IllegalArgumentException("audit setting 'tokenHashes': '" + QuotedInput.abbreviate(hex)
                        + "' is not a SHA-256 hash in hex (64 digits). Make one with:"
                        + " printf %s \"$TOKEN\" | sha256sum");
            }
            tokenHashes.add(HexFormat.of().parseHex(hex));
            return this;
        }

        /**
         * Also lets in requests that the container, or a security framework in front of this servlet,
         * authenticated ({@link HttpServletRequest#getUserPrincipal()} is set). Turn it on only when that
         * layer also restricts this path to auditors, such as Spring Security requiring an authority;
         * the endpoint then needs no token hash. Default off.
         */
        public Builder containerAuthentication(boolean containerAuthentication) {
            this.containerAuthentication = containerAuthentication;
            return this;
        }

        /** The cookie inventory {@code GET PATH/cookies} shows; the assembly gives its filter's. */
        Builder cookieInventory(CookieInventory inventory) {
            this.inventory = Objects.requireNonNull(inventory, "inventory");
            return this;
        }

        /** The clock of verification reports; default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The longest range one export, verification or statistics request may cover; default 366 days. */
        public Builder maxRange(Duration maxRange) {
            if (maxRange == null || maxRange.isNegative() || maxRange.isZero()) {
                throw new IllegalArgumentException("audit setting 'maxRange' must be positive, was " + maxRange);
            }
            this.maxRange = maxRange;
            return this;
        }

        /** How long records are kept, as the dashboard shows it; default {@link RetentionJob#DEFAULT_RETENTION}. */
        public Builder retention(Duration retention) {
            if (retention == null || retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("audit setting 'retention' must be positive, was " + retention);
            }
            this.retention = retention;
            return this;
        }

        /**
         * The endpoint.
         *
         * @throws IllegalStateException when no token hash is configured and container authentication
         *     is off: the endpoint must stay off then
         */
        public AuditEndpoint build() {
            if (tokenHashes.isEmpty() && !containerAuthentication) {
                throw new IllegalStateException(
                        "the audit endpoint needs at least one token hash (setting 'tokenHashes'); leave it off otherwise");
            }
            if (inventory == null) {
                inventory = CookieInventory.inMemory(clock);
            }
            return new AuditEndpoint(this);
        }
    }
}
