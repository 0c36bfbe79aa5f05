/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What is not wrong enough to reject a policy but shows a visitor the wrong thing: a text missing in
 * one of the languages the policy is written in, which a visitor reading that language then sees in
 * the default language (C11). Each warning names the JSON path of the missing text, such as
 * {@code services[3].purpose.en}.
 *
 * <p>The policy's languages are the default language and every language any of its own texts uses.
 * Built-in texts (the banner's, and the labels and descriptions of the common categories) neither add
 * a language nor go missing in any built-in language, and a name, provider or link given once for every
 * language is never missing. Empty optional texts (a cookie or category without a description) are not
 * warned about: they are missing in every language alike, not in one.
 */
final class PolicyWarnings {

    private PolicyWarnings() {}

    static List<PolicyProblem> of(ConsentPolicy policy) {
        Set<String> languages = languages(policy);
        List<PolicyProblem> warnings = new ArrayList<>();
        if (languages.size() < 2) {
            return List.of();
        }
        PolicyLinks links = policy.links();
        String locale = policy.defaultLocale();
        check(
                withDefault(links.privacyPolicy(), links.localizedPrivacyPolicy(), locale),
                "links.privacyPolicy",
                languages,
                warnings);
        check(withDefault(links.imprint(), links.localizedImprint(), locale), "links.imprint", languages, warnings);
        for (int i = 0; i < policy.categories().size(); i++) {
            Category category = policy.categories().get(i);
            String path = "categories[" + i + "]";
            check(category.label(), path + ".label", languages, warnings);
            check(category.description(), path + ".description", languages, warnings);
        }
        for (int i = 0; i < policy.services().size(); i++) {
            Service service = policy.services().get(i);
            String path = "services[" + i + "]";
            check(withDefault(service.name(), service.localizedName(), locale), path + ".name", languages, warnings);
            check(
                    withDefault(service.provider(), service.localizedProvider(), locale),
                    path + ".provider",
                    languages,
                    warnings);
            check(service.purpose(), path + ".purpose", languages, warnings);
            for (int c = 0; c < service.cookies().size(); c++) {
                check(
                        service.cookies().get(c).description(),
                        path + ".cookies[" + c + "].description",
                        languages,
                        warnings);
            }
        }
        for (String language : languages) {
            if (BuiltInTexts.covers(language)) {
                continue;
            }
            for (BannerText key : BannerText.values()) {
                if (!policy.textOverrides().getOrDefault(language, Map.of()).containsKey(key)) {
                    warnings.add(new PolicyProblem(
                            "texts." + language + "." + key.key(),
                            "no '" + language + "' banner text; visitors reading '" + language + "' see it in '"
                                    + policy.defaultLocale() + "'"));
                }
            }
        }
        return List.copyOf(warnings);
    }

    /** The default language and every language the policy's own texts use. */
    static Set<String> languages(ConsentPolicy policy) {
        Set<String> languages = new TreeSet<>();
        languages.add(policy.defaultLocale());
        // A policy read back from its canonical form holds every built-in text as its own: only texts
        // that say something else make a language one the site writes in.
        policy.textOverrides().forEach((locale, texts) -> {
            if (!BuiltInTexts.sameAsBuiltIn(locale, texts)) {
                languages.add(locale);
            }
        });
        languages.addAll(policy.links().localizedPrivacyPolicy().locales());
        languages.addAll(policy.links().localizedImprint().locales());
        for (Category category : policy.categories()) {
            // The built-in label and description are in every built-in language: only a text the site
            // wrote itself (one that differs from the built-in one) makes its language the site's.
            Set<String> locales = new TreeSet<>(category.label().locales());
            locales.addAll(category.description().locales());
            locales.stream()
                    .filter(l -> !Category.isBuiltIn(category.id(), l, category.label(), category.description()))
                    .forEach(languages::add);
        }
        for (Service service : policy.services()) {
            languages.addAll(service.localizedName().locales());
            languages.addAll(service.localizedProvider().locales());
            languages.addAll(service.purpose().locales());
            service.cookies().forEach(c -> languages.addAll(c.description().locales()));
        }
        return languages;
    }

    /**
     * A text given once for every language and per language, as the canonical form has it: empty when
     * it is the same in every language (never missing then), else with the plain text for the default
     * language where the per-language ones leave it out.
     */
    private static LocalizedText withDefault(String plain, LocalizedText perLanguage, String defaultLocale) {
        if (perLanguage.isEmpty() || perLanguage.has(defaultLocale)) {
            return perLanguage;
        }
        return LocalizedText.of(defaultLocale, plain).orElse(perLanguage);
    }

    private static void check(LocalizedText text, String path, Set<String> languages, List<PolicyProblem> warnings) {
        if (text.isEmpty()) {
            return;
        }
        for (String language : languages) {
            if (!text.has(language)) {
                warnings.add(new PolicyProblem(
                        path + "." + language,
                        "no text in '" + language + "', one of the languages the policy is written in " + languages
                                + "; visitors reading '" + language + "' see another language"));
            }
        }
    }
}
