/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.decision;

import io.consent4j.core.token.Consent;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one request may do: the visitor's state, the categories and services allowed, whether to show
 * the banner, and why. Necessary categories are always allowed; nothing else without a valid consent.
 *
 * @param state where the visitor stands with the current policy
 * @param allowedCategories every allowed category, required ones included
 * @param allowedServices every allowed service, those of required categories included
 * @param showBanner whether the page should show the banner
 * @param reasons why the decision came out this way
 * @param consent the valid, expired or outdated choice behind the decision, or null when there is none
 * @param deniedBySignal the categories GPC or DNT denied although the consent grants them (C19)
 */
public record ConsentDecision(
        ConsentState state,
        Set<String> allowedCategories,
        Set<String> allowedServices,
        boolean showBanner,
        Set<DecisionReason> reasons,
        Consent consent,
        Set<String> deniedBySignal) {

    /** Copies the sets so that the decision is immutable. */
    public ConsentDecision {
        Objects.requireNonNull(state, "state");
        allowedCategories = Set.copyOf(allowedCategories);
        allowedServices = Set.copyOf(allowedServices);
        reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
        deniedBySignal = Set.copyOf(deniedBySignal);
    }

    /** Whether {@code id}, a category or service id, is allowed. Unknown ids are not. */
    public boolean allows(String id) {
        return allowedCategories.contains(id) || allowedServices.contains(id);
    }

    /** Whether the category {@code id} is allowed. */
    public boolean allowsCategory(String id) {
        return allowedCategories.contains(id);
    }

    /** Whether the service {@code id} is allowed. */
    public boolean allowsService(String id) {
        return allowedServices.contains(id);
    }

    /** The choice behind the decision, if any (also when expired or outdated). */
    public Optional<Consent> consentIfAny() {
        return Optional.ofNullable(consent);
    }

    /** Whether the visitor must get a parent's consent before anything optional is allowed (C28). */
    public boolean parentalConsentRequired() {
        return reasons.contains(DecisionReason.PARENTAL_CONSENT_REQUIRED);
    }
}
