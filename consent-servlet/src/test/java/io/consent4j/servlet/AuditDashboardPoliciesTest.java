/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.policy.PolicyChange.Item;
import io.consent4j.core.policy.PolicyChange.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The policy page's change sentences: one per kind of change, in German and English (C17). */
class AuditDashboardPoliciesTest {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyKindOfChangeHasASentenceInBothLanguages_C17(Kind kind) {
        assertThat(AuditDashboardTexts.has("change-" + kind.name())).isTrue();
        Item item = new Item(
                kind,
                kind.name().startsWith("COOKIE_")
                                || kind.name().startsWith("SERVICE_")
                                || kind.name().startsWith("CATEGORY_")
                                || kind == Kind.CONSENT_MODE_REGION_GRANTS
                        ? "subject"
                        : null,
                kind.name().startsWith("COOKIE_") ? "cookie" : null,
                kind == Kind.COOKIE_LIFETIME_EXTENDED ? "P6M" : "before",
                kind == Kind.COOKIE_LIFETIME_EXTENDED ? "P1Y" : "after");

        String german = AuditDashboardPolicies.sentence(item, "de");
        String english = AuditDashboardPolicies.sentence(item, "en");

        assertThat(german).isNotEqualTo(english).doesNotContain("{");
        assertThat(english).doesNotContain("{");
    }

    @Test
    void theEnglishSentenceSaysWhatTheCoreSentenceSays() {
        Item moved = new Item(Kind.SERVICE_MOVED, "video", null, "functional", "marketing");

        assertThat(AuditDashboardPolicies.sentence(moved, "en")).isEqualToIgnoringCase(moved.sentence());
        assertThat(AuditDashboardPolicies.sentence(moved, "de"))
                .isEqualTo("Dienst „video“ von Kategorie „functional“ nach „marketing“ verschoben");
    }

    @Test
    void aNameThatLooksLikeAPlaceholderIsNotFilledInAgain() {
        Item host = new Item(Kind.SERVICE_HOST_ADDED, "{a}", null, null, "{s}.example");

        assertThat(AuditDashboardPolicies.sentence(host, "en")).isEqualTo("Service '{a}': host '{s}.example' added");
    }
}
