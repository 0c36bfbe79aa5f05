/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.decision;

import io.consent4j.core.token.AgeBand;
import java.util.Objects;

/**
 * What a request says about the visitor's wishes besides the consent cookie: Global Privacy Control
 * ({@code Sec-GPC: 1}), Do Not Track ({@code DNT: 1}), and the age band the site supplies. Signals
 * only ever object; they never grant anything (C19).
 *
 * @param globalPrivacyControl whether {@code Sec-GPC: 1} was sent
 * @param doNotTrack whether {@code DNT: 1} was sent
 * @param ageBand what the site knows of the visitor's age
 */
public record RequestSignals(boolean globalPrivacyControl, boolean doNotTrack, AgeBand ageBand) {

    /** No signals and no age mark. */
    public static final RequestSignals NONE = new RequestSignals(false, false, AgeBand.UNSPECIFIED);

    /** Checks that the age band is present. */
    public RequestSignals {
        Objects.requireNonNull(ageBand, "ageBand");
    }

    /**
     * Reads the signals from the raw header values (either may be null); only the exact value
     * {@code 1} (surrounding spaces ignored) counts.
     */
    public static RequestSignals fromHeaders(String secGpc, String dnt) {
        boolean gpc = isOne(secGpc);
        boolean doNotTrack = isOne(dnt);
        return gpc || doNotTrack ? new RequestSignals(gpc, doNotTrack, AgeBand.UNSPECIFIED) : NONE;
    }

    private static boolean isOne(String header) {
        return header != null && header.strip().equals("1");
    }

    /** These signals with the given age band. */
    public RequestSignals withAgeBand(AgeBand band) {
        return new RequestSignals(globalPrivacyControl, doNotTrack, band);
    }

    /** Whether these are no signals and no age mark, like {@link #NONE}. */
    public boolean isNone() {
        return !globalPrivacyControl && !doNotTrack && ageBand == AgeBand.UNSPECIFIED;
    }

    /** Whether GPC or DNT objects to sale, sharing and marketing. */
    public boolean objects() {
        return globalPrivacyControl || doNotTrack;
    }
}
