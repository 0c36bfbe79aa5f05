/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import io.consent4j.core.policy.ConsentPolicy;
import io.consent4j.core.policy.PolicyJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the policy of {@link ConsentSettings}: the one given in code, else the JSON at
 * {@value ConsentSettings#POLICY_LOCATION}, a file path, a {@code file:} path or a {@code classpath:}
 * resource. Each failure names the property and the location.
 */
final class PolicyLoader {

    private PolicyLoader() {}

    /** The policy; {@link ConsentAssembly#policy(ConsentSettings)} says what fails how. */
    static ConsentPolicy load(ConsentSettings settings) {
        if (settings.policy() != null) {
            return settings.policy();
        }
        String location = settings.policyLocation();
        String name = ConsentSettings.POLICY_LOCATION;
        if (location == null) {
            throw new IllegalStateException(name + " is missing: set it to the policy JSON, such as"
                    + " classpath:consent-policy.json or /etc/site/consent-policy.json, or give the policy in code");
        }
        InputStream opened;
        try {
            opened = open(location, settings.classLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(name + " '" + location + "' cannot be read: " + e.getMessage(), e);
        }
        try (InputStream in = opened) {
            return settings.policyStrict() ? PolicyJson.readStrict(in) : ConsentPolicy.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(name + " '" + location + "' cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " '" + location + "' is not a valid policy: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location, ClassLoader classLoader) throws IOException {
        String name = ConsentSettings.POLICY_LOCATION;
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).strip();
            while (resource.startsWith("/")) {
                resource = resource.substring(1);
            }
            URL url = classLoader.getResource(resource);
            if (url == null) {
                throw new IllegalStateException(
                        name + " '" + location + "' does not exist: there is no such class-path resource");
            }
            return url.openStream();
        }
        Path path;
        try {
            path = location.startsWith("file:") ? fileUrlPath(location) : Path.of(location);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " '" + location + "' is not a file path: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(name + " '" + location + "' does not exist or is not a readable file");
        }
        return Files.newInputStream(path);
    }

    /** {@code file:/etc/x.json} and {@code file:///etc/x.json} as URIs, {@code file:policy.json} as relative. */
    private static Path fileUrlPath(String location) {
        String rest = location.substring("file:".length());
        return rest.startsWith("/") ? Path.of(URI.create("file://" + rest.replaceFirst("^/+", "/"))) : Path.of(rest);
    }
}
