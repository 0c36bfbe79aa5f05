/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short stable tags for category and service ids, used to keep the consent cookie small. A tag is the
 * first three bytes of the SHA-256 of the id's UTF-8 bytes, so it does not depend on the order of the
 * policy and survives editorial changes such as removing a service. Not API.
 */
public final class IdTags {

    /** The number of bytes in a tag. */
    public static final int BYTES = 3;

    /** Tags already computed: every cookie written tags all the ids it grants, a dozen SHA-256s each time. */
    private static final ConcurrentHashMap<String, Integer> KNOWN = new ConcurrentHashMap<>();

    /** Policies name tens of ids; past this many, tags are computed without being kept. */
    private static final int MAX_KNOWN = 4096;

    private IdTags() {}

    /** The tag of {@code id}, as an int in {@code [0, 2^24)}. */
    public static int tag(String id) {
        Integer known = KNOWN.get(id);
        if (known != null) {
            return known;
        }
        byte[] hash = sha256(id.getBytes(StandardCharsets.UTF_8));
        int tag = (hash[0] & 0xff) << 16 | (hash[1] & 0xff) << 8 | (hash[2] & 0xff);
        if (KNOWN.size() < MAX_KNOWN) {
            KNOWN.put(id, tag);
        }
        return tag;
    }

    /** SHA-256 of {@code bytes}. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
