/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The texts of the banner, its settings layer and page, the parental-consent pages and the click-to-load
 * placeholder that do not belong to a category or service. They are built in for the 24 official EU
 * languages ({@link #BUILT_IN_LANGUAGES}); a policy may override any of them per language under
 * {@code texts}, using the key names below ({@code acceptAll}, {@code rejectAll}, …).
 * {@code {provider}} in {@link #EMBED_PLACEHOLDER} is replaced with the service's name.
 */
public enum BannerText {
    /** The banner heading. */
    TITLE("title"),
    /** The short text of the first layer. */
    DESCRIPTION("description"),
    /** The "accept all" button. */
    ACCEPT_ALL("acceptAll"),
    /** The "reject all" button, as prominent as accept (C4, C5). */
    REJECT_ALL("rejectAll"),
    /** The button that opens the settings layer. */
    SETTINGS("settings"),
    /** The button that saves exactly the toggles shown (C8). */
    SAVE("save"),
    /** The label of the control that closes the settings layer without granting anything (C3). */
    CLOSE("close"),
    /** The heading of the settings layer. */
    SETTINGS_TITLE("settingsTitle"),
    /** The introduction of the settings layer. */
    SETTINGS_DESCRIPTION("settingsDescription"),
    /** Shown instead of a switch for required categories. */
    ALWAYS_ACTIVE("alwaysActive"),
    /** The heading of a category's service list. */
    SERVICES("services"),
    /** The column heading of the cookie name. */
    COOKIE_NAME("cookieName"),
    /** The column heading of the provider. */
    PROVIDER("provider"),
    /** The column heading of the purpose. */
    PURPOSE("purpose"),
    /** The column heading of the lifetime. */
    LIFETIME("lifetime"),
    /** The column heading of first or third party. */
    THIRD_PARTY("thirdParty"),
    /** "yes", for the third-party column. */
    YES("yes"),
    /** "no", for the third-party column. */
    NO("no"),
    /** The privacy policy link text. */
    PRIVACY_POLICY("privacyPolicy"),
    /** The imprint link text. */
    IMPRINT("imprint"),
    /** The text of a settings link placed on every page (C13). */
    REOPEN("reopen"),
    /** The text of a click-to-load placeholder; {@code {provider}} is replaced. */
    EMBED_PLACEHOLDER("embedPlaceholder"),
    /** The button of a click-to-load placeholder. */
    EMBED_LOAD("embedLoad"),
    /** Shown to visitors marked under 16 (C28). */
    PARENTAL_CONSENT_REQUIRED("parentalConsentRequired"),
    /** The button with which a child asks for a link to pass on to a parent (C28). */
    PARENT_LINK("parentLink"),
    /** Shown above the parental-consent link the child copies (C28). */
    PARENT_LINK_READY("parentLinkReady"),
    /** Shown after a choice was saved. */
    SAVED("saved"),
    /** The control that withdraws every optional consent in one click (C14). */
    WITHDRAW("withdraw"),
    /** Shown after a withdrawal, so the visitor reads that it worked (C14). */
    WITHDRAWN("withdrawn"),
    /** The link from the settings page back to the page the visitor came from. */
    BACK("back"),
    /** The heading of the parent's page, reached through the link a child passed on (C28). */
    PARENT_TITLE("parentTitle"),
    /** The parent's page: what the child asked for and why a parent decides (C28). */
    PARENT_INTRO("parentIntro"),
    /** The parent's "accept all" button, as prominent as the parent's reject (C4, C5). */
    PARENT_ACCEPT_ALL("parentAcceptAll"),
    /** The parent's "reject all" button: only necessary categories for the child. */
    PARENT_REJECT_ALL("parentRejectAll"),
    /** The parent's button that saves exactly the toggles shown (C8). */
    PARENT_SAVE("parentSave"),
    /** Shown to the parent once their choice was recorded. */
    PARENT_DONE("parentDone"),
    /** Shown to the parent for a forged or malformed link. */
    PARENT_LINK_INVALID("parentLinkInvalid"),
    /** Shown to the parent for a link past its lifetime. */
    PARENT_LINK_EXPIRED("parentLinkExpired"),
    /** Shown to the parent for a link that was used already. */
    PARENT_LINK_USED("parentLinkUsed"),
    /** Below the parent's buttons: what choosing confirms, and that the link holds no personal data. */
    PARENT_CONFIRM("parentConfirm");

    /** The languages whose texts are built in: the 24 official languages of the EU. */
    public static final List<String> BUILT_IN_LANGUAGES = List.of(
            "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl",
            "pl", "pt", "ro", "sk", "sl", "sv");

    private final String key;

    BannerText(String key) {
        this.key = key;
    }

    /** The key used in policy JSON, such as {@code acceptAll}. */
    public String key() {
        return key;
    }

    /** The text whose key is {@code key}, if any. */
    public static Optional<BannerText> fromKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(BannerText::key).toList();
    }
}
