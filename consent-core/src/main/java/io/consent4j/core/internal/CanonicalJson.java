/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Writes a JSON tree in canonical form, the JSON Canonicalization Scheme (RFC 8785) restricted to
 * integers: no insignificant white space; object members sorted by their names' UTF-16 code units;
 * strings escaped only where JSON requires ({@code \"}, {@code \\}, and control characters as
 * {@code \b \f \n \r \t} or {@code &#92;u00xx} with lower-case hex); UTF-8 output. Fractional
 * numbers are rejected. Not API.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        return string(node).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical form of {@code node}. */
    public static String string(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(members.get(i).getKey(), out);
                out.append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isString()) {
            string(node.stringValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else {
            throw new IllegalArgumentException("canonical JSON holds no " + node.getNodeType() + " values");
        }
    }

    /** Reads a JSON object of booleans, such as a record's category states, keeping member order. */
    public static Map<String, Boolean> booleans(JsonNode object) {
        Map<String, Boolean> values = new java.util.LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().booleanValue()));
        return values;
    }

    /** Appends {@code s} as a canonical JSON string. */
    public static void string(String s, StringBuilder out) {
        out.append('"');
        int plain = 0; // most texts need no escape at all: copy those in one go
        while (plain < s.length() && needsNoEscape(s.charAt(plain))) {
            plain++;
        }
        if (plain == s.length()) {
            out.append(s).append('"'); // appending a whole String copies its bytes; a range copies char by char
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00")
                                .append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean needsNoEscape(char c) {
        return c >= 0x20 && c != '"' && c != '\\';
    }
}
