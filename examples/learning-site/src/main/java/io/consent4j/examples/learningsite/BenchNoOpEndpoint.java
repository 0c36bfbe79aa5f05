/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.examples.learningsite;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /bench/noop}: reads the posted body and answers a fixed small JSON, nothing else. The
 * reference that {@code benchmarks/post-ratio.sh} sets {@code POST /consent} against: the same
 * application, filter, container and request, without recording a choice. Exists only in the
 * {@code bench} profile, never in the normal demo.
 */
@RestController
@Profile("bench")
class BenchNoOpEndpoint {

    private static final byte[] ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

    @PostMapping("/bench/noop")
    ResponseEntity<byte[]> noop(HttpServletRequest request) throws IOException {
        // Reads the body as the consent endpoint does, so that both leave the connection in the same state.
        try (InputStream body = request.getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ANSWER);
    }
}
