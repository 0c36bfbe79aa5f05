/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import io.consent4j.core.internal.IdTags;
import io.consent4j.core.internal.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy's categories and services checked against each other and looked up by id: ids unique and
 * with distinct cookie tags, every service in a known category, the texts the default language needs
 * (C2, C7), each cookie declared by one service, and one category required.
 *
 * @param categoriesById the categories by id, in policy order
 * @param servicesById the services by id, in policy order
 * @param servicesByCategory the services of each category, in policy order
 * @param requiredCategoryIds the ids of the required categories
 * @param saleOrShareCategoryIds the ids of the optional categories that GPC and DNT object to
 * @param requiredServiceIds the ids of the services in required categories
 */
record PolicyIndex(
        Map<String, Category> categoriesById,
        Map<String, Service> servicesById,
        Map<String, List<Service>> servicesByCategory,
        Set<String> requiredCategoryIds,
        Set<String> saleOrShareCategoryIds,
        Set<String> requiredServiceIds) {

    /**
     * Checks {@code categories} and {@code services}, adding each problem to {@code problems}; the index
     * is complete only when no problem was added.
     */
    static PolicyIndex of(
            List<Category> categories, List<Service> services, String defaultLocale, List<PolicyProblem> problems) {
        Map<String, Category> byId = new LinkedHashMap<>();
        Map<Integer, String> categoryTags = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            Category category = categories.get(i);
            String path = "categories[" + i + "]";
            if (byId.containsKey(category.id())) {
                problems.add(new PolicyProblem(path + ".id", "duplicate category id '" + category.id() + "'"));
                continue;
            }
            byId.put(category.id(), category);
            checkTag(category.id(), categoryTags, path + ".id", problems);
            if (!category.label().has(defaultLocale)) {
                problems.add(new PolicyProblem(
                        path + ".label",
                        "category '" + category.id() + "' has no label in the default language '" + defaultLocale
                                + "'"));
            }
            if (category.required() && !category.description().has(defaultLocale)) {
                problems.add(new PolicyProblem(
                        path + ".description",
                        "required category '" + category.id() + "' must say why it is necessary in '" + defaultLocale
                                + "' (C2)"));
            }
        }
        if (categories.isEmpty()) {
            problems.add(new PolicyProblem(
                    "categories",
                    "a policy needs at least one category, and one of them required (such as 'necessary')"));
        } else if (categories.stream().noneMatch(Category::required)) {
            problems.add(new PolicyProblem(
                    "categories",
                    "no category is required; mark the strictly necessary one with \"required\": true"
                            + " (categories: " + byId.keySet() + ")"));
        }

        Map<String, Service> servicesMap = new LinkedHashMap<>();
        Map<String, List<Service>> perCategory = new LinkedHashMap<>();
        byId.keySet().forEach(id -> perCategory.put(id, new ArrayList<>()));
        Map<Integer, String> serviceTags = new HashMap<>();
        Map<String, String> cookieOwners = new HashMap<>();
        for (int i = 0; i < services.size(); i++) {
            Service service = services.get(i);
            String path = "services[" + i + "]";
            if (servicesMap.containsKey(service.id())) {
                problems.add(new PolicyProblem(path + ".id", "duplicate service id '" + service.id() + "'"));
                continue;
            }
            if (byId.containsKey(service.id())) {
                problems.add(new PolicyProblem(
                        path + ".id",
                        "service id '" + service.id() + "' is also a category id; allowed('" + service.id()
                                + "') would be ambiguous"));
            }
            servicesMap.put(service.id(), service);
            checkTag(service.id(), serviceTags, path + ".id", problems);
            Category category = byId.get(service.category());
            if (category == null) {
                problems.add(new PolicyProblem(
                        path + ".category",
                        "unknown category '" + service.category() + "'"
                                + Suggestions.didYouMean(service.category(), byId.keySet()) + "; known categories: "
                                + byId.keySet()));
            } else {
                perCategory.get(category.id()).add(service);
            }
            sameInDefaultLanguage(service.name(), service.localizedName(), path + ".name", defaultLocale, problems);
            sameInDefaultLanguage(
                    service.provider(), service.localizedProvider(), path + ".provider", defaultLocale, problems);
            if (!service.purpose().has(defaultLocale)) {
                problems.add(new PolicyProblem(
                        path + ".purpose",
                        "service '" + service.id() + "' has no purpose in the default language '" + defaultLocale
                                + "' (C7)"));
            }
            for (int c = 0; c < service.cookies().size(); c++) {
                CookieDeclaration cookie = service.cookies().get(c);
                String cookiePath = path + ".cookies[" + c + "]";
                String owner = cookieOwners.putIfAbsent(cookie.name(), service.id());
                if (owner != null) {
                    problems.add(new PolicyProblem(
                            cookiePath + ".name",
                            "cookie '" + cookie.name() + "' is declared by both services '" + owner + "' and '"
                                    + service.id() + "'"));
                }
                if (category != null
                        && category.required()
                        && !cookie.description().has(defaultLocale)) {
                    problems.add(new PolicyProblem(
                            cookiePath + ".description",
                            "necessary cookie '" + cookie.name() + "' needs a written reason in '" + defaultLocale
                                    + "' (C2)"));
                }
            }
        }
        perCategory.replaceAll((k, v) -> List.copyOf(v));
        Set<String> requiredCategoryIds = ids(
                categories.stream().filter(Category::required).map(Category::id).toList());
        return new PolicyIndex(
                Collections.unmodifiableMap(byId),
                Collections.unmodifiableMap(servicesMap),
                Collections.unmodifiableMap(perCategory),
                requiredCategoryIds,
                ids(categories.stream()
                        .filter(c -> c.saleOrShare() && !c.required())
                        .map(Category::id)
                        .toList()),
                ids(services.stream()
                        .filter(s -> requiredCategoryIds.contains(s.category()))
                        .map(Service::id)
                        .toList()));
    }

    /**
     * Adds a problem when a text given both once for every language and per language differs in the
     * default language: the canonical form keeps only the per-language one, so the other would be lost.
     */
    static void sameInDefaultLanguage(
            String plain, LocalizedText perLanguage, String path, String defaultLocale, List<PolicyProblem> problems) {
        perLanguage
                .resolve(defaultLocale, null)
                .filter(own -> !own.equals(plain))
                .ifPresent(own -> problems.add(new PolicyProblem(
                        path,
                        "'" + plain + "' is given for every language but '" + own + "' for the default language '"
                                + defaultLocale + "'; give one of them")));
    }

    private static Set<String> ids(List<String> ids) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(ids));
    }

    private static void checkTag(String id, Map<Integer, String> tags, String path, List<PolicyProblem> problems) {
        String clash = tags.putIfAbsent(IdTags.tag(id), id);
        if (clash != null) {
            problems.add(new PolicyProblem(
                    path, "ids '" + clash + "' and '" + id + "' share a cookie tag; rename one of them"));
        }
    }
}
