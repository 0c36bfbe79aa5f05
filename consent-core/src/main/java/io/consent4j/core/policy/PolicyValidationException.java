/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a consent policy is invalid. The message lists every problem found, each with the
 * JSON path of the bad field and the bad value, so that the site developer can fix them all at once.
 */
public final class PolicyValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    /** Creates an exception for the given problems (at least one). */
    public PolicyValidationException(List<PolicyProblem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        this.problems = List.copyOf(problems);
    }

    static PolicyValidationException of(String path, String message) {
        return new PolicyValidationException(List.of(new PolicyProblem(path, message)));
    }

    /** Every problem found, in the order the policy was read. */
    public List<PolicyProblem> problems() {
        return problems;
    }

    PolicyValidationException under(String prefix) {
        return new PolicyValidationException(
                problems.stream().map(p -> p.under(prefix)).collect(Collectors.toList()));
    }

    private static String format(List<PolicyProblem> problems) {
        if (problems.size() == 1) {
            return "Invalid consent policy: " + problems.get(0);
        }
        return problems.stream()
                .map(p -> "  - " + p)
                .collect(Collectors.joining("\n", "Invalid consent policy (" + problems.size() + " problems):\n", ""));
    }
}
