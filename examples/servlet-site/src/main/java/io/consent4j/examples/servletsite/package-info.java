/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * A small learning site on embedded Jetty that installs consent4j with {@code ConsentServletSetup},
 * without Spring. Not a library: nothing here is API.
 */
package io.consent4j.examples.servletsite;
