/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the writer takes appends in groups. The waits under test end when the appends they wait for are
 * there; an hour is the bound where a wait would end by time, so a test that hangs has found a fault.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AppendGroupsTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static PendingAppend append() {
        return new PendingAppend(null, "r", null);
    }

    private static List<PendingAppend> next(AppendGroups groups) throws InterruptedException {
        List<PendingAppend> group = new ArrayList<>();
        assertThat(groups.next(group, 60_000)).as("stopped").isFalse();
        return group;
    }

    @Test
    void takesEverythingWaitingUpToTheLargestGroup() throws InterruptedException {
        AppendGroups groups = new AppendGroups(4, HOUR);
        for (int i = 0; i < 10; i++) {
            groups.offer(append());
        }

        assertThat(next(groups)).hasSize(4);
        assertThat(next(groups)).hasSize(4);
        assertThat(next(groups)).hasSize(2);
    }

    @Test
    void aFirstAppendIsNeverHeld() throws InterruptedException {
        AppendGroups groups = new AppendGroups(512, HOUR);
        groups.offer(append());

        assertThat(next(groups)).hasSize(1); // nothing stored yet: no group to wait for
    }

    @Test
    void whileAppendsComeInNumbersTheWriterWaitsForAsManyAsItStoredLast() throws Exception {
        AppendGroups groups = new AppendGroups(512, HOUR);
        groups.stored(5, HOUR); // a slow store: the last commit of 5 took an hour
        groups.offer(append());
        groups.offer(append());

        CompletableFuture<List<PendingAppend>> group = CompletableFuture.supplyAsync(() -> {
            try {
                return next(groups);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < 3; i++) {
            groups.offer(append());
        }

        assertThat(group.get()).hasSize(5);
    }

    @Test
    void afterAFastCommitNothingIsHeld() throws InterruptedException {
        AppendGroups groups = new AppendGroups(512, HOUR);
        groups.stored(64, 0); // the in-memory ledger: a commit takes no time worth waiting for
        groups.offer(append());

        assertThat(next(groups)).hasSize(1);
    }

    @Test
    void withNoGroupWaitNothingIsHeld() throws InterruptedException {
        AppendGroups groups = new AppendGroups(512, 0);
        groups.stored(64, HOUR);
        groups.offer(append());

        assertThat(next(groups)).hasSize(1);
    }

    @Test
    void noAppendIsHeldLongerThanTheLastCommitTook() throws InterruptedException {
        AppendGroups groups = new AppendGroups(512, HOUR);
        groups.stored(64, 1); // the last commit took a nanosecond
        groups.offer(append());

        assertThat(next(groups)).hasSize(1);
    }

    @Test
    void theStopEndsTheGroupAfterTheAppendsBeforeIt() throws InterruptedException {
        AppendGroups groups = new AppendGroups(512, HOUR);
        groups.stored(10, HOUR);
        groups.offer(append());
        groups.offer(append());
        groups.stop();

        List<PendingAppend> group = new ArrayList<>();
        assertThat(groups.next(group, 60_000)).as("stopped").isTrue();
        assertThat(group).hasSize(2).doesNotContain(PendingAppend.STOP);
    }

    @Test
    void aStopAloneIsAnEmptyGroup() throws InterruptedException {
        AppendGroups groups = new AppendGroups(512, HOUR);
        groups.stop();

        List<PendingAppend> group = new ArrayList<>();
        assertThat(groups.next(group, 60_000)).isTrue();
        assertThat(group).isEmpty();
    }
}
