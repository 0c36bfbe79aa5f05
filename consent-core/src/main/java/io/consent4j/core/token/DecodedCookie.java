/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading a consent cookie. Only {@link Status#VALID} carries a consent that counts;
 * {@link Status#EXPIRED} carries the genuine but expired consent so that its expiry can be recorded.
 * Everything else means "no consent".
 *
 * @param status what was found
 * @param consent the consent for {@code VALID} and {@code EXPIRED}, otherwise null
 */
public record DecodedCookie(Status status, Consent consent) {

    /** What a cookie value turned out to be. */
    public enum Status {
        /** No cookie was sent. */
        ABSENT,
        /** Not a consent cookie: bad encoding, bad structure, or too large. */
        MALFORMED,
        /** Signed with a key id that is not configured. */
        UNKNOWN_KEY,
        /** The signature does not match: tampered with or forged. */
        BAD_SIGNATURE,
        /** Issued more than the allowed clock skew in the future. */
        NOT_YET_VALID,
        /** Genuine, but its lifetime has passed. */
        EXPIRED,
        /** Genuine and current. */
        VALID
    }

    static final DecodedCookie ABSENT = new DecodedCookie(Status.ABSENT, null);
    static final DecodedCookie MALFORMED = new DecodedCookie(Status.MALFORMED, null);
    static final DecodedCookie UNKNOWN_KEY = new DecodedCookie(Status.UNKNOWN_KEY, null);
    static final DecodedCookie BAD_SIGNATURE = new DecodedCookie(Status.BAD_SIGNATURE, null);

    /** Checks that a consent is present exactly for the statuses that carry one. */
    public DecodedCookie {
        Objects.requireNonNull(status, "status");
        if ((status == Status.VALID || status == Status.EXPIRED || status == Status.NOT_YET_VALID)
                != (consent != null)) {
            throw new IllegalArgumentException("status " + status + " and consent " + consent + " do not fit together");
        }
    }

    /** The consent, only when it is valid: the one thing that may grant anything. */
    public Optional<Consent> validConsent() {
        return status == Status.VALID ? Optional.of(consent) : Optional.empty();
    }

    /** Whether the signature was genuine, whatever the time: valid, expired or not yet valid. */
    public boolean isGenuine() {
        return consent != null;
    }

    /**
     * This verified cookie judged at {@code now}: expired once its lifetime has passed, not yet valid
     * when issued more than {@code skewSeconds} in the future. Results without a consent stay as they are.
     */
    public DecodedCookie at(Instant now, long skewSeconds) {
        if (consent == null) {
            return this;
        }
        Status judged;
        if (consent.issuedAt().isAfter(now.plusSeconds(skewSeconds))) {
            judged = Status.NOT_YET_VALID;
        } else if (consent.isExpiredAt(now)) {
            judged = Status.EXPIRED;
        } else {
            judged = Status.VALID;
        }
        return judged == status ? this : new DecodedCookie(judged, consent);
    }
}
