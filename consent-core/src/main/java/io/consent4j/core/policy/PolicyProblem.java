/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.Objects;

/**
 * One thing wrong with a consent policy: where ({@code path}, a JSON path such as
 * {@code $.services[2].cookies[0].name}) and what ({@code message}, naming the bad value).
 *
 * @param path where the problem is; relative paths (no leading {@code $}) come from policies built in code
 * @param message what is wrong, with the offending value
 */
public record PolicyProblem(String path, String message) {

    /** Checks that both parts are present. */
    public PolicyProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    PolicyProblem under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        if (path.isEmpty()) {
            return new PolicyProblem(prefix, message);
        }
        return new PolicyProblem(path.startsWith("[") ? prefix + path : prefix + "." + path, message);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
