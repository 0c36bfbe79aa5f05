/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import io.consent4j.core.internal.CanonicalJson;
import io.consent4j.core.token.ConsentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of consent records and how their hashes are computed, precisely enough to verify them
 * in any language.
 *
 * <p><b>Record JSON.</b> An object with the members {@code accountRef}, {@code actor},
 * {@code categories} (object of category id to boolean), {@code chain}, {@code consentId},
 * {@code details} (object of strings), {@code event}, {@code id}, {@code ip}, {@code locale},
 * {@code method}, {@code path}, {@code point}, {@code policyHash}, {@code policyVersion} (integer),
 * {@code seq} (integer), {@code services} (object of service id to boolean), {@code signals} (sorted
 * array of strings), {@code time} ({@code yyyy-MM-ddTHH:mm:ss.SSSZ}, UTC, always three fraction
 * digits), {@code userAgent}, plus {@code hash} and {@code previousHash}. Members without a value are
 * left out, as is {@code details} when empty. Enum values are lower case ({@code accept_all}).
 *
 * <p><b>Canonical body.</b> The record JSON without {@code hash} and {@code previousHash}, written as
 * RFC 8785 canonical JSON (members sorted by UTF-16 code units, no white space, minimal string
 * escapes, integers as plain digits), UTF-8 encoded.
 *
 * <p><b>Hash.</b> {@code hash = hex(SHA-256(ascii(previousHash) || 0x0A || body))}, lower-case hex.
 * The first record of a chain has {@code previousHash} = 64 zeros; every next record's
 * {@code previousHash} is the hash of the record before it, and its {@code seq} is one more.
 */
public final class RecordJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private RecordJson() {}

    /** Formats a record time: UTC, milliseconds, always three fraction digits. */
    public static String formatTime(Instant time) {
        return TIME.format(time);
    }

    /** The canonical body of {@code record}: RFC 8785 JSON without {@code hash} and {@code previousHash}. */
    public static String canonicalBody(ConsentRecord r) {
        return bodyParts(r.id(), r.chainId(), r.content()).render(r.sequence(), formatTime(r.recordedAt()));
    }

    /**
     * The canonical body of a record with {@code id} and {@code content} in {@code chainId}, in three parts
     * around its sequence number and time, the two members that only a chain's writer knows. Callers render
     * the parts of their own records, so that the writer has only to join them.
     */
    static BodyParts bodyParts(String id, String chainId, RecordContent content) {
        // Written by hand in sorted member order: verification speed depends on it.
        StringBuilder out = new StringBuilder(1024); // a typical body is 700 to 900 characters
        out.append('{');
        boolean first = true;
        first = member(out, first, "accountRef", content.accountRef());
        first = member(out, first, "actor", content.actor().jsonName());
        first = booleans(out, first, "categories", content.categories());
        first = member(out, first, "chain", chainId);
        first = member(
                out,
                first,
                "consentId",
                content.consentId() == null ? null : content.consentId().toString());
        if (!content.details().isEmpty()) {
            first = comma(out, first);
            CanonicalJson.string("details", out);
            out.append(":{");
            boolean inner = true;
            for (Map.Entry<String, String> e : content.details().entrySet()) {
                inner = member(out, inner, e.getKey(), e.getValue());
            }
            out.append('}');
        }
        first = member(out, first, "event", content.event().jsonName());
        first = member(out, first, "id", id);
        first = member(out, first, "ip", content.ipPrefix());
        first = member(out, first, "locale", content.locale());
        first = member(out, first, "method", content.method().jsonName());
        first = member(out, first, "path", content.path());
        first = member(out, first, "point", content.collectionPoint().jsonName());
        first = member(out, first, "policyHash", content.policyHash());
        comma(out, first);
        out.append("\"policyVersion\":").append(content.policyVersion());
        out.append(",\"seq\":");
        String head = out.toString();
        out.setLength(0);
        booleans(out, false, "services", content.services());
        out.append(",\"signals\":[");
        boolean firstSignal = true;
        for (String signal : content.signals()) {
            if (!firstSignal) {
                out.append(',');
            }
            firstSignal = false;
            CanonicalJson.string(signal, out);
        }
        out.append("],\"time\":\""); // a formatted time needs no escapes
        String middle = out.toString();
        out.setLength(0);
        out.append('"');
        member(out, false, "userAgent", content.userAgent());
        return new BodyParts(head, middle, out.append('}').toString());
    }

    /** A canonical body without its sequence number and time: {@code head seq middle time tail}. */
    record BodyParts(String head, String middle, String tail) {

        /** The whole body, with {@code time} as {@link #formatTime} writes it. */
        String render(long sequence, String time) {
            return new StringBuilder(head.length() + middle.length() + tail.length() + 44)
                    .append(head)
                    .append(sequence)
                    .append(middle)
                    .append(time)
                    .append(tail)
                    .toString();
        }
    }

    private static boolean comma(StringBuilder out, boolean first) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    private static boolean member(StringBuilder out, boolean first, String name, String value) {
        if (value == null) {
            return first;
        }
        comma(out, first);
        CanonicalJson.string(name, out);
        out.append(':');
        CanonicalJson.string(value, out);
        return false;
    }

    private static boolean booleans(StringBuilder out, boolean first, String name, Map<String, Boolean> values) {
        comma(out, first);
        CanonicalJson.string(name, out);
        out.append(":{");
        boolean inner = true;
        for (Map.Entry<String, Boolean> e : values.entrySet()) {
            inner = comma(out, inner);
            CanonicalJson.string(e.getKey(), out);
            out.append(':').append(e.getValue().booleanValue());
        }
        out.append('}');
        return false;
    }

    /** The hash of a record whose canonical body is {@code body}, following {@code previousHash}. */
    public static String hash(String previousHash, String body) {
        return hash(sha256(), previousHash, body);
    }

    /** {@link #hash(String, String)} with a digest the caller keeps, which this resets. */
    static String hash(MessageDigest sha256, String previousHash, String body) {
        sha256.reset();
        sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) '\n');
        sha256.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One line of an NDJSON export: the record JSON with its {@code hash} and {@code previousHash}. */
    public static String line(ConsentRecord record) {
        String body = canonicalBody(record);
        return "{\"hash\":\"" + record.hash() + "\",\"previousHash\":\"" + record.previousHash() + "\","
                + body.substring(1);
    }

    /**
     * Reads a record from its JSON (an export line, or a canonical body plus its hashes).
     *
     * @throws IllegalArgumentException when the text is not a record
     */
    public static ConsentRecord parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("a record is a JSON object");
            }
            return fromTree(object);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a record: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a record from a stored body and the hashes kept beside it. */
    public static ConsentRecord parse(String body, String previousHash, String hash) {
        try {
            ObjectNode object = (ObjectNode) MAPPER.readTree(body);
            object.put("previousHash", previousHash);
            object.put("hash", hash);
            return fromTree(object);
        } catch (JacksonException | ClassCastException e) {
            throw new IllegalArgumentException("not a record body: " + e.getMessage(), e);
        }
    }

    /** The canonical body of the record held in {@code line}: the line without its hashes, canonicalized. */
    public static String canonicalBodyOfLine(JsonNode line) {
        ObjectNode copy = ((ObjectNode) line).deepCopy();
        copy.remove("hash");
        copy.remove("previousHash");
        return CanonicalJson.string(copy);
    }

    private static ConsentRecord fromTree(ObjectNode n) {
        Map<String, Boolean> categories = CanonicalJson.booleans(n.required("categories"));
        Map<String, Boolean> services = CanonicalJson.booleans(n.required("services"));
        Set<String> signals = new TreeSet<>();
        n.required("signals").forEach(s -> signals.add(s.stringValue()));
        Map<String, String> details = new LinkedHashMap<>();
        JsonNode detailNode = n.get("details");
        if (detailNode != null) {
            detailNode
                    .properties()
                    .forEach(e -> details.put(e.getKey(), e.getValue().stringValue()));
        }
        String consentId = text(n, "consentId");
        RecordContent content = new RecordContent(
                consentId == null ? null : ConsentId.parse(consentId),
                text(n, "accountRef"),
                Actor.valueOf(n.required("actor").stringValue().toUpperCase(Locale.ROOT)),
                ConsentEvent.valueOf(n.required("event").stringValue().toUpperCase(Locale.ROOT)),
                ConsentMethod.valueOf(n.required("method").stringValue().toUpperCase(Locale.ROOT)),
                CollectionPoint.valueOf(n.required("point").stringValue().toUpperCase(Locale.ROOT)),
                categories,
                services,
                n.required("policyVersion").intValue(),
                n.required("policyHash").stringValue(),
                text(n, "locale"),
                text(n, "path"),
                text(n, "userAgent"),
                text(n, "ip"),
                signals,
                details);
        return new ConsentRecord(
                n.required("id").stringValue(),
                n.required("chain").stringValue(),
                n.required("seq").longValue(),
                Instant.parse(n.required("time").stringValue()).truncatedTo(ChronoUnit.MILLIS),
                content,
                n.required("previousHash").stringValue(),
                n.required("hash").stringValue());
    }

    private static String text(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? null : value.stringValue();
    }
}
