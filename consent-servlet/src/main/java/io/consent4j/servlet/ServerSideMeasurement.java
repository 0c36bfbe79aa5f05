/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.decision.ConsentDecision;
import io.consent4j.core.policy.Category;
import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.GoogleConsentType;
import jakarta.servlet.ServletRequest;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Tells server-side tracking, such as Matomo's HTTP tracking API or the GA4 Measurement Protocol,
 * whether the request being served may be measured, from the decision the {@link ConsentFilter} made
 * for it. Call it in the controller or servlet that sends the hit, before sending it:
 *
 * <pre>{@code
 * if (ServerSideMeasurement.allows(request, "matomo")) {
 *     matomo.track(request.getRequestURI()); // POST https://matomo.example/matomo.php?idsite=1&rec=1&…
 * }
 * }</pre>
 *
 * <p>Deny by default: false for a request the filter did not see, for an unknown service, for a
 * visitor who has not chosen, chose against it or withdrew, and for a service of a sale/share category
 * while Global Privacy Control or Do Not Track objects (C19), whatever the stored choice. Like
 * {@link ConsentRequests}, asking marks the response {@code Cache-Control: private}. Thread-safe; the
 * methods are static and keep nothing.
 */
public final class ServerSideMeasurement {

    private ServerSideMeasurement() {}

    /**
     * Whether the service {@code serviceId} of the policy (such as {@code "matomo"} or {@code "ga4"}) may
     * measure {@code request}. A service of a required category always may.
     */
    public static boolean allows(ServletRequest request, String serviceId) {
        if (serviceId == null) {
            return false;
        }
        return ConsentRequests.decision(request)
                .map(d -> d.allowsService(serviceId))
                .orElse(false);
    }

    /**
     * The {@code consent} object of a GA4 Measurement Protocol hit for {@code request}:
     * {@code ad_user_data} and {@code ad_personalization}, each {@code GRANTED} when a category the
     * visitor is allowed maps it in {@code policy} (Google Consent Mode), else {@code DENIED}; both
     * {@code DENIED} for a request the filter did not see. Send it with every hit that {@link #allows}
     * lets through, so Google uses the data only as far as the visitor agreed.
     */
    public static Map<String, String> measurementProtocolConsent(ServletRequest request, ConsentPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        ConsentDecision decision = ConsentRequests.decision(request).orElse(null);
        Map<String, String> consent = new TreeMap<>();
        for (GoogleConsentType type :
                new GoogleConsentType[] {GoogleConsentType.AD_USER_DATA, GoogleConsentType.AD_PERSONALIZATION}) {
            boolean granted = decision != null
                    && policy.categories().stream()
                            .filter(c -> c.googleConsentMode().contains(type))
                            .map(Category::id)
                            .anyMatch(decision::allowsCategory);
            consent.put(type.gtagName(), granted ? "GRANTED" : "DENIED");
        }
        return Map.copyOf(consent);
    }
}
