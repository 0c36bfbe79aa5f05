/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.spring.autoconfigure;

import io.consent4j.servlet.ConsentSettings;
import io.consent4j.servlet.ConsentSettingsBuilder;

/**
 * Adjusts the {@link ConsentSettings} the starter makes from the {@code consent4j.*} properties and the
 * application's beans, before consent4j is assembled from them: for what only code can give, such as
 * the clock or when the retention job runs. Every bean of this type is applied, in their order, after
 * the properties.
 */
@FunctionalInterface
public interface ConsentSettingsCustomizer {

    /** Changes {@code settings} in place. */
    void customize(ConsentSettingsBuilder settings);
}
