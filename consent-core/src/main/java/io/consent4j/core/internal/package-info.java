/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Helpers shared between consent4j packages and modules. <strong>Not API</strong>: anything here may
 * change or disappear in any release.
 */
package io.consent4j.core.internal;
