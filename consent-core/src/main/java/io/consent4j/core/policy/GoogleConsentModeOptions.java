/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the banner sets up Google Consent Mode v2 beyond the category mapping: how long tags wait for the
 * stored choice ({@code wait_for_update}), defaults for particular regions, and the
 * {@code url_passthrough} and {@code ads_data_redaction} settings. The global default always denies
 * every mapped type (C20); a region's defaults apply only to visitors Google places in that region.
 *
 * @param waitForUpdateMillis how long tags wait for an {@code update} before they send anything, 0 to
 *     {@value #MAX_WAIT_FOR_UPDATE_MILLIS}; 0 leaves {@code wait_for_update} out
 * @param regions defaults for particular regions, in policy order; each region in one entry only
 * @param urlPassthrough whether {@code gtag('set', 'url_passthrough', true)} passes ad click ids in links
 *     while {@code ad_storage} is denied
 * @param adsDataRedaction whether {@code gtag('set', 'ads_data_redaction', true)} redacts ad click ids
 *     while {@code ad_storage} is denied
 */
public record GoogleConsentModeOptions(
        int waitForUpdateMillis, List<RegionDefaults> regions, boolean urlPassthrough, boolean adsDataRedaction) {

    /** The longest {@code wait_for_update} allowed; Google's tags do not wait longer anyway. */
    public static final int MAX_WAIT_FOR_UPDATE_MILLIS = 10_000;

    /** No options: only the global default and the updates. */
    public static final GoogleConsentModeOptions NONE = new GoogleConsentModeOptions(0, List.of(), false, false);

    /** Validates the wait and copies the regions, naming the bad value. */
    public GoogleConsentModeOptions {
        if (waitForUpdateMillis < 0 || waitForUpdateMillis > MAX_WAIT_FOR_UPDATE_MILLIS) {
            throw PolicyValidationException.of(
                    "waitForUpdate",
                    "must be between 0 and " + MAX_WAIT_FOR_UPDATE_MILLIS + " milliseconds, was "
                            + waitForUpdateMillis);
        }
        regions = List.copyOf(regions == null ? List.of() : regions);
    }

    /** Whether these are the options of a policy that gives none. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** Problems no single entry can see: a region named in two entries. Paths relative to the options. */
    List<PolicyProblem> problems() {
        List<PolicyProblem> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            List<String> codes = regions.get(i).region();
            for (int j = 0; j < codes.size(); j++) {
                if (seen.contains(codes.get(j))) {
                    problems.add(new PolicyProblem(
                            "regions[" + i + "].region[" + j + "]",
                            "region '" + codes.get(j) + "' already has defaults in an earlier entry"));
                }
                seen.add(codes.get(j));
            }
        }
        return problems;
    }

    /**
     * The Consent Mode defaults for visitors in some regions, as {@code gtag('consent', 'default', {region:
     * [...], ...})} takes them; types not given fall back to the global default (denied).
     *
     * @param region ISO 3166-1 alpha-2 country codes ({@code DE}) or ISO 3166-2 subdivisions ({@code US-CA}),
     *     upper-cased
     * @param granted for each type given, whether it is granted by default in these regions
     */
    public record RegionDefaults(List<String> region, Map<GoogleConsentType, Boolean> granted) {

        private static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

        /** Validates the codes and the types, naming the bad value. */
        public RegionDefaults {
            if (region == null || region.isEmpty()) {
                throw PolicyValidationException.of("region", "name at least one region, such as \"US-CA\"");
            }
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < region.size(); i++) {
                String code = region.get(i) == null ? "" : region.get(i).strip().toUpperCase(Locale.ROOT);
                if (!CODE.matcher(code).matches()) {
                    throw PolicyValidationException.of(
                            "region[" + i + "]",
                            "'" + region.get(i)
                                    + "' is not an ISO 3166-1 alpha-2 country ('DE') or ISO 3166-2 region ('US-CA')");
                }
                codes.add(code);
            }
            region = List.copyOf(codes);
            if (granted == null || granted.isEmpty()) {
                throw PolicyValidationException.of(
                        "region",
                        "regions " + region + " give no default; add one such as \"ad_storage\": \"granted\"");
            }
            granted = Collections.unmodifiableMap(new EnumMap<>(granted));
        }

        /** Defaults for {@code region}. */
        public static RegionDefaults of(List<String> region, Map<GoogleConsentType, Boolean> granted) {
            return new RegionDefaults(region, granted);
        }
    }
}
