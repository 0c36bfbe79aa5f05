/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * A small online-learning site that shows consent4j in a Spring Boot application: a course catalogue,
 * course pages with a click-to-load video, stand-in analytics and marketing scripts gated by the
 * banner, a newsletter form, German and English pages, and an account page with the visitor's consent
 * history and receipt. Not a library: nothing here is API.
 */
package io.consent4j.examples.learningsite;
