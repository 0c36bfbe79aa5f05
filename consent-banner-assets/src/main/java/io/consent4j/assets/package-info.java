/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The banner's browser files, {@code consent.js} and {@code consent.css}, and {@link
 * io.consent4j.assets.BannerAssets}, which names the paths they are served at.
 */
package io.consent4j.assets;
