/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Spring Boot auto-configuration of consent4j: the {@code consent.*} properties
 * ({@link io.consent4j.spring.autoconfigure.ConsentProperties}), the core beans, the servlet filter and
 * endpoints, and the Spring Security, Thymeleaf and Actuator integrations, each only when its library is
 * present. It holds wiring only; the behaviour lives in {@code consent-core} and {@code consent-servlet}.
 */
package io.consent4j.spring.autoconfigure;
