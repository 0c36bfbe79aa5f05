/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Fuzz tests for reading a consent policy from JSON. A site's policy file is trusted more than a
 * cookie, but a typo in it must fail with a {@link PolicyValidationException} naming the problem, never
 * with an exception from deep inside the reader; and whatever is accepted must be a policy the banner
 * can lawfully show.
 *
 * <p>{@code ./mvnw verify} runs the target on its committed seeds under
 * {@code src/test/resources/io/consent4j/core/policy/PolicyJsonFuzzTestInputs/<method>/};
 * {@code benchmarks/fuzz.sh} runs a real fuzzing session.
 */
class PolicyJsonFuzzTest {

    /**
     * Any bytes as a policy file, read as a string, through {@link ConsentPolicy#fromJson(String)} and
     * as a stream: only {@link PolicyValidationException} escapes. A policy that is accepted has a
     * required category that says why it is needed (C2) and the privacy-policy and imprint links (C10),
     * and its canonical form reads back as the same policy with the same content hash, so that records
     * can name the text shown (C22).
     */
    @FuzzTest
    @DictionaryEntries({
        "\"version\"",
        "\"defaultLocale\"",
        "\"consentLifetimeMonths\"",
        "\"reaskAfterMonths\"",
        "\"links\"",
        "\"privacyPolicy\"",
        "\"imprint\"",
        "\"categories\"",
        "\"services\"",
        "\"texts\"",
        "\"id\"",
        "\"required\"",
        "\"label\"",
        "\"description\"",
        "\"saleOrShare\"",
        "\"googleConsentMode\"",
        "\"analytics_storage\"",
        "\"category\"",
        "\"name\"",
        "\"provider\"",
        "\"purpose\"",
        "\"privacyPolicyUrl\"",
        "\"hosts\"",
        "\"cookies\"",
        "\"lifetime\"",
        "\"thirdParty\"",
        "\"domains\"",
        "\"paths\"",
        "\"necessary\"",
        "\"marketing\"",
        "\"session\"",
        "\"P13M\"",
        "\"PT30M\"",
        "\"de\"",
        "\"en\"",
        "\"de-AT\"",
        "\"acceptAll\"",
        "\"https://example.org/\"",
        "\"/datenschutz\"",
        "\"*.example.org\"",
        "\"_ga_*\""
    })
    void readingAnyTextFailsOnlyWithPolicyValidationException(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        readOrReject(() -> PolicyJson.read(json));
        readOrReject(() -> ConsentPolicy.fromJson(json));
        readOrReject(() -> PolicyJson.read(new ByteArrayInputStream(input)));
    }

    private static void readOrReject(Supplier<ConsentPolicy> read) {
        ConsentPolicy policy;
        try {
            policy = read.get();
        } catch (PolicyValidationException expected) {
            assertThat(expected.problems()).isNotEmpty();
            return;
        }
        assertThat(policy.requiredCategoryIds()).isNotEmpty();
        for (String id : policy.requiredCategoryIds()) {
            assertThat(policy.category(id).orElseThrow().description().has(policy.defaultLocale()))
                    .as("required category '%s' says why in '%s'", id, policy.defaultLocale())
                    .isTrue();
        }
        assertThat(policy.links()).isNotNull();
        ConsentPolicy again = PolicyJson.read(PolicyJson.canonical(policy));
        assertThat(again).isEqualTo(policy);
        assertThat(again.contentHash()).isEqualTo(policy.contentHash());
    }
}
