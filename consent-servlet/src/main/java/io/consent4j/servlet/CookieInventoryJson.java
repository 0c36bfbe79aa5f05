/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@link CookieInventory} as the auditor endpoint's {@code GET PATH/cookies} answers it. */
final class CookieInventoryJson {

    private CookieInventoryJson() {}

    /**
     * The inventory as JSON text: {@code {"limits":{"names":500,"pathsPerName":10},"namesNotKept":0,"cookies":[{"name","likelyCategory",
     * "firstSeen","lastSeen","count","paths","morePaths"}…]}}, most recently seen first.
     */
    static String of(CookieInventory inventory) {
        return Problem.JSON.writeValueAsString(node(inventory));
    }

    /** The inventory as a JSON tree; see {@link #of}. */
    static ObjectNode node(CookieInventory inventory) {
        ObjectNode body = Problem.JSON.createObjectNode();
        ObjectNode limits = body.putObject("limits");
        limits.put("names", CookieInventory.MAX_NAMES);
        limits.put("pathsPerName", CookieInventory.MAX_PATHS);
        body.put("namesNotKept", inventory.namesNotKept());
        ArrayNode cookies = body.putArray("cookies");
        for (SeenCookie seen : inventory.snapshot()) {
            ObjectNode cookie = cookies.addObject();
            cookie.put("name", seen.name());
            cookie.put("likelyCategory", seen.likelyCategory().jsonName());
            cookie.put("firstSeen", seen.firstSeen().toString());
            cookie.put("lastSeen", seen.lastSeen().toString());
            cookie.put("count", seen.count());
            ArrayNode paths = cookie.putArray("paths");
            seen.paths().forEach(paths::add);
            cookie.put("morePaths", seen.morePaths());
        }
        return body;
    }
}
