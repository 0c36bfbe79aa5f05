/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentIdTest {

    private static final long MILLIS = 1_780_000_000_123L; // 2026-05-28

    @Test
    void aGeneratedIdStartsWithItsMillisecondsAndKeepsEightyRandomBits() {
        ConsentId id = ConsentId.generate(MILLIS, new Random(7));

        assertThat(id.high() >>> 16).isEqualTo(MILLIS);
        assertThat(ConsentId.parse(id.toString())).isEqualTo(id);

        Set<String> suffixes = new HashSet<>();
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            ConsentId same = ConsentId.generate(MILLIS, random);
            assertThat(same.high() >>> 16).isEqualTo(MILLIS);
            suffixes.add((same.high() & 0xFFFF) + ":" + same.low());
        }
        assertThat(suffixes).hasSize(10_000);
    }

    @Test
    void idsMadeCloseInTimeShareTheirFirstCharacters() {
        // 48 bits are eight base64url characters: the ids of one millisecond share all eight, so an index on
        // the consent id takes the new visitors of a moment into neighbouring entries.
        Random random = new Random(3);
        String first = ConsentId.generate(MILLIS, random).toString();
        String sameMillisecond = ConsentId.generate(MILLIS, random).toString();
        String nextMillisecond = ConsentId.generate(MILLIS + 1, random).toString();

        assertThat(sameMillisecond).startsWith(first.substring(0, 8)).isNotEqualTo(first);
        assertThat(nextMillisecond).startsWith(first.substring(0, 7)).doesNotStartWith(first.substring(0, 8));
    }

    @Test
    void generateNowUsesTheClockAndRandomIdsStayValid() {
        long before = System.currentTimeMillis();
        ConsentId now = ConsentId.generate();
        long after = System.currentTimeMillis();

        assertThat(now.high() >>> 16).isBetween(before, after);
        ConsentId random = ConsentId.random();
        assertThat(ConsentId.parse(random.toString())).isEqualTo(random);
        assertThat(ConsentId.generate()).isNotEqualTo(ConsentId.generate());
    }
}
