/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Consent-policy presets for German learning platforms: {@link io.consent4j.examples.presets.Presets}
 * loads them by name. Each preset is a policy JSON resource next to the class.
 */
package io.consent4j.examples.presets;
