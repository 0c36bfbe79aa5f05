/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * consent4j for any Jakarta Servlet 6.0 container.
 *
 * <p>{@link io.consent4j.servlet.ConsentFilter} decides every request from its signed consent cookie,
 * {@code Sec-GPC}, {@code DNT} and the site's {@link io.consent4j.servlet.AgeBandResolver}; drops every
 * {@code Set-Cookie} the visitor has not consented to (C15); and expires the declared cookies of
 * categories a visitor withdrew (C14). Controllers and templates ask
 * {@link io.consent4j.servlet.ConsentRequests#allowed ConsentRequests.allowed(request, "analytics")}.
 * {@link io.consent4j.servlet.ConsentFilterSettings} holds the few settings.
 *
 * <p>{@link io.consent4j.servlet.ConsentEndpoint} serves the banner script (policy texts and state) and
 * records choices from it and from the {@link io.consent4j.servlet.NoScriptBanner} form;
 * {@link io.consent4j.servlet.AuditEndpoint} gives authenticated auditors lookups, verified exports
 * and statistics; {@link io.consent4j.servlet.HeadMarkup} writes what a page's {@code <head>} needs.
 * {@link io.consent4j.servlet.ConsentAssembly} builds all of them, with the manager, the ledger and the
 * retention job, from one {@link io.consent4j.servlet.ConsentSettings}: the one place where consent4j is
 * put together, for {@link io.consent4j.servlet.ConsentServletSetup} (which reads the settings from
 * {@code consent4j.*} servlet context parameters and registers the parts in one call, the simplest way
 * for an application without Spring) and for the Spring Boot starter alike. To register only the
 * filter, for example in a {@code ServletContextListener}:
 *
 * <pre>{@code
 * ConsentPolicy policy = ConsentPolicy.fromJson(Path.of("consent-policy.json"));
 * SigningKeys keys = SigningKeys.of(SigningKey.fromBase64("k1", System.getenv("CONSENT_KEY")));
 * ConsentDecider decider = ConsentDecider.builder(policy, new CookieConsentCodec(keys)).build();
 * ConsentFilter filter = ConsentFilter.of(decider, ConsentFilterSettings.builder()
 *         .undeclaredCookies(UndeclaredCookies.DROP)
 *         .build());
 * FilterRegistration.Dynamic registration = servletContext.addFilter("consent4j", filter);
 * registration.addMappingForUrlPatterns(
 *         EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC), false, "/*");
 * }</pre>
 */
package io.consent4j.servlet;
