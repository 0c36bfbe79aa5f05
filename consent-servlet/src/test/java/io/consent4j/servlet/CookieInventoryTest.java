/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.consent4j.core.decision.RequestSignals;
import io.consent4j.core.policy.ConsentPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CookieInventoryTest {

    private final Site.MutableClock clock = new Site.MutableClock(Fixtures.NOW);

    @Test
    void keepsFirstAndLastSeenCountAndPathsWithoutQueryOrPathParameters() {
        CookieInventory inventory = CookieInventory.inMemory(clock);

        inventory.saw("_ga", "/course/1?pupil=17");
        clock.advance(Duration.ofMinutes(5));
        inventory.saw("_ga", "/course/2;jsessionid=abc");
        inventory.saw("_ga", "/course/1");

        SeenCookie seen = inventory.snapshot().get(0);
        assertThat(seen.name()).isEqualTo("_ga");
        assertThat(seen.count()).isEqualTo(3);
        assertThat(seen.firstSeen()).isEqualTo(Fixtures.NOW);
        assertThat(seen.lastSeen()).isEqualTo(Fixtures.NOW.plus(Duration.ofMinutes(5)));
        assertThat(seen.paths()).containsExactly("/course/1", "/course/2");
        assertThat(seen.morePaths()).isFalse();
        assertThat(seen.likelyCategory()).isEqualTo(LikelyCategory.ANALYTICS);
    }

    @Test
    void keepsAtMostMaxPathsPerNameAndSaysThereWereMore() {
        CookieInventory inventory = CookieInventory.inMemory(clock);

        for (int i = 0; i < CookieInventory.MAX_PATHS + 5; i++) {
            inventory.saw("_fbp", "/page/" + i);
        }

        SeenCookie seen = inventory.snapshot().get(0);
        assertThat(seen.paths()).hasSize(CookieInventory.MAX_PATHS);
        assertThat(seen.paths()).first().isEqualTo("/page/0");
        assertThat(seen.morePaths()).isTrue();
        assertThat(seen.count()).isEqualTo(CookieInventory.MAX_PATHS + 5);
    }

    @Test
    void keepsAtMostMaxNamesAndCountsTheOnesNotKept() {
        CookieInventory inventory = CookieInventory.inMemory(clock);

        for (int i = 0; i < CookieInventory.MAX_NAMES + 7; i++) {
            inventory.saw("cookie" + i, "/");
        }
        inventory.saw("cookie0", "/again");

        List<SeenCookie> snapshot = inventory.snapshot();
        assertThat(snapshot).hasSize(CookieInventory.MAX_NAMES);
        assertThat(inventory.namesNotKept()).isEqualTo(7);
        assertThat(snapshot).extracting(SeenCookie::name).doesNotContain("cookie" + CookieInventory.MAX_NAMES);
        assertThat(snapshot.stream()
                        .filter(s -> s.name().equals("cookie0"))
                        .findFirst()
                        .orElseThrow()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void longOrUnprintableNamesAndPathsAreCutAndCleaned() {
        CookieInventory inventory = CookieInventory.inMemory(clock);

        inventory.saw("x".repeat(300) + "\u00e4", "/" + "p".repeat(400) + "\n");
        inventory.saw("", "/ignored");
        inventory.saw("a\u00e4\r\nb", "/\u00fcber");

        List<SeenCookie> snapshot = inventory.snapshot();
        assertThat(snapshot).hasSize(2);
        assertThat(snapshot)
                .extracting(SeenCookie::name)
                .containsExactlyInAnyOrder("x".repeat(CookieInventory.MAX_NAME_LENGTH), "a???b");
        assertThat(snapshot)
                .flatExtracting(SeenCookie::paths)
                .allSatisfy(path -> assertThat(path).hasSizeLessThanOrEqualTo(CookieInventory.MAX_PATH_LENGTH))
                .contains("/?ber");
    }

    @Test
    void theMostRecentlySeenComeFirst() {
        CookieInventory inventory = CookieInventory.inMemory(clock);
        inventory.saw("old", "/");
        clock.advance(Duration.ofSeconds(1));
        inventory.saw("new", "/");

        assertThat(inventory.snapshot()).extracting(SeenCookie::name).containsExactly("new", "old");
    }

    @Test
    void aFailingRequestNeverFailsThePage() {
        CookieInventory inventory = CookieInventory.inMemory(new BrokenClock());

        inventory.saw("_ga", request("/page"));

        assertThat(inventory.snapshot()).isEmpty();
    }

    @Test
    void flushWritesOnlyTheNewSightingsAndKeepsThemWhenTheStoreFails() {
        RecordingStore store = new RecordingStore();
        CookieInventory inventory = CookieInventory.storedWithoutSchedule(clock, store);
        inventory.saw("_ga", "/a");
        inventory.saw("_ga", "/b");

        store.failing = true;
        inventory.flush();
        store.failing = false;
        inventory.flush();
        inventory.saw("_ga", "/b");
        inventory.flush();
        inventory.flush();

        assertThat(store.saved)
                .extracting(CookieInventoryStore.Change::newSightings)
                .containsExactly(2L, 1L);
        assertThat(store.saved.get(1).seen().count()).isEqualTo(3);
    }

    @Test
    void loadsWhatTheStoreKeptAndStartsEmptyWhenItCannotBeRead() {
        RecordingStore store = new RecordingStore();
        store.kept.add(new SeenCookie(
                "_pk_id.1", LikelyCategory.ANALYTICS, Fixtures.NOW, Fixtures.NOW, 4, List.of("/x"), false));

        CookieInventory loaded = CookieInventory.storedWithoutSchedule(clock, store);
        store.failing = true;
        CookieInventory empty = CookieInventory.storedWithoutSchedule(clock, store);

        assertThat(loaded.snapshot()).containsExactlyElementsOf(store.kept);
        assertThat(empty.snapshot()).isEmpty();
    }

    @Test
    void theFilterAddsUndeclaredCookiesButNotDeclaredOnesOrTheConsentCookie_C15() {
        CookieInventory inventory = CookieInventory.inMemory(clock);
        ConsentPolicy policy = Fixtures.POLICY;
        CookieGate gate = new CookieGate(
                new CookieCatalog(policy, CookieCatalog.DEFAULT_CACHE_SIZE),
                policy.version(),
                "consent4j",
                UndeclaredCookies.DROP,
                CookieDropListener.NONE,
                inventory);
        var decision =
                Fixtures.decider().decide(Fixtures.cookieValue(Set.of("analytics"), Set.of()), RequestSignals.NONE);
        FakeRequest request = request("/lesson");

        gate.admits("tracker_uid", decision, request);
        gate.admits("_ga", decision, request);
        gate.admits("consent4j", decision, request);
        gate.admits("JSESSIONID", decision, request);

        assertThat(inventory.snapshot()).extracting(SeenCookie::name).containsExactly("tracker_uid");
        assertThat(inventory.snapshot().get(0).paths()).containsExactly("/lesson");
    }

    /** A store that records what it was asked to save, and fails while {@link #failing} is set. */
    private static final class RecordingStore implements CookieInventoryStore {
        final List<SeenCookie> kept = new ArrayList<>();
        final List<Change> saved = new ArrayList<>();
        boolean failing;

        @Override
        public List<SeenCookie> load(int max) {
            if (failing) {
                throw new IllegalStateException("the database is down");
            }
            return kept;
        }

        @Override
        public void save(List<Change> changes) {
            if (failing) {
                throw new IllegalStateException("the database is down");
            }
            saved.addAll(changes);
        }
    }

    /** A clock that fails, as a broken part of the inventory would. */
    private static final class BrokenClock extends Clock {
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            throw new IllegalStateException("broken");
        }
    }

    private static FakeRequest request(String path) {
        return FakeRequest.parse(
                        ("GET " + path + " HTTP/1.1\r\nHost: learn.example\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1),
                        "",
                        "127.0.0.1")
                .orElseThrow();
    }
}
