/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The consent policy: what a site asks for. {@link io.consent4j.core.policy.ConsentPolicy} holds
 * categories, services with their cookies, banner texts in German, English and any language a site
 * adds, links, and lifetimes; {@link io.consent4j.core.policy.PolicyJson} reads and writes it as JSON
 * with errors that name the JSON path; {@link io.consent4j.core.policy.PolicyChange} tells material
 * changes (which ask visitors again) from editorial ones.
 */
package io.consent4j.core.policy;
