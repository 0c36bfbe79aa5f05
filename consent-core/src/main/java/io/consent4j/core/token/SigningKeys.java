/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys a site signs consent cookies with: one current key that signs, and any number of older
 * keys that still verify, so that keys can be rotated without asking every visitor again. To rotate,
 * add a new current key and keep the old one as a previous key for at least the consent lifetime.
 */
public final class SigningKeys {

    private final SigningKey current;
    private final Map<String, SigningKey> byId;

    private SigningKeys(SigningKey current, List<SigningKey> previous) {
        this.current = Objects.requireNonNull(current, "current");
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        keys.put(current.id(), current);
        for (SigningKey key : previous) {
            if (keys.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException(
                        "two signing keys share the id '" + key.id() + "'; every key needs its own id");
            }
        }
        this.byId = Collections.unmodifiableMap(keys);
    }

    /** Keys that sign with {@code current} and also verify with {@code previous}. */
    public static SigningKeys of(SigningKey current, SigningKey... previous) {
        return new SigningKeys(current, List.of(previous));
    }

    /** Keys that sign with {@code current} and also verify with {@code previous}. */
    public static SigningKeys of(SigningKey current, List<SigningKey> previous) {
        return new SigningKeys(current, new ArrayList<>(previous));
    }

    /** The key that signs new cookies. */
    public SigningKey current() {
        return current;
    }

    /** The key with this id, if it is configured. */
    public Optional<SigningKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every configured key id, the current one first. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    @Override
    public String toString() {
        return "SigningKeys[current=" + current.id() + ", all=" + byId.keySet() + "]";
    }
}
