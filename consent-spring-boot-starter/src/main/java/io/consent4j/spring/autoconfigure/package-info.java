/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Spring Boot auto-configuration of consent4j: the {@code consent4j.*} properties
 * ({@link io.consent4j.spring.autoconfigure.ConsentProperties}), turned into the same
 * {@link io.consent4j.servlet.ConsentSettings} as the plain-servlet setup's parameters, the beans of the
 * {@link io.consent4j.servlet.ConsentAssembly} built from them, and the Spring Security, Thymeleaf,
 * Actuator and Micrometer integrations, each only when its library is present. It holds wiring only; the
 * behaviour lives in {@code consent-core} and {@code consent-servlet}.
 */
package io.consent4j.spring.autoconfigure;
