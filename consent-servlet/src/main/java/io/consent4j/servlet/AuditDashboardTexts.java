/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import java.util.Map;

/** The dashboard's words in English and German, by key; every key has both. */
final class AuditDashboardTexts {

    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            t("title", "Consent audit", "Einwilligungs-Audit"),
            t("skip", "Skip to content", "Zum Inhalt springen"),
            t("nav", "Dashboard pages", "Seiten des Dashboards"),
            t("langs", "Language", "Sprache"),
            t("overview", "Overview", "Übersicht"),
            t("choices", "Choices over time", "Entscheidungen im Zeitverlauf"),
            t("policies", "Policy versions", "Richtlinienversionen"),
            t("lookup", "Lookup", "Nachschlagen"),
            t("cookies", "Cookie inventory", "Cookie-Inventar"),
            t("error", "The request could not be answered", "Die Anfrage konnte nicht beantwortet werden"),
            t("records", "Records", "Einträge"),
            t(
                    "counting",
                    "Counting records in the background: {x} of {y} counted so far. Until it is done, the figures"
                            + " on this page leave out the records not yet counted; reload to see more.",
                    "Einträge werden im Hintergrund gezählt: bisher {x} von {y}. Bis das fertig ist, fehlen den"
                            + " Zahlen auf dieser Seite die noch nicht gezählten Einträge; laden Sie neu, um mehr zu"
                            + " sehen."),
            t(
                    "countingStarted",
                    "Counting records in the background has started. Until it is done, the figures on this page"
                            + " leave out the records not yet counted; reload to see more.",
                    "Das Zählen der Einträge im Hintergrund hat begonnen. Bis es fertig ist, fehlen den Zahlen auf"
                            + " dieser Seite die noch nicht gezählten Einträge; laden Sie neu, um mehr zu sehen."),
            t("recordsTotal", "records in total", "Einträge insgesamt"),
            t("chain", "Chain", "Kette"),
            t("positions", "Positions", "Positionen"),
            t("lastRecord", "Last record", "Letzter Eintrag"),
            t("lastCheckpoint", "Last checkpoint", "Letzter Checkpoint"),
            t("none", "none", "keiner"),
            t("noRecords", "The ledger holds no records yet.", "Das Register enthält noch keine Einträge."),
            t("verification", "Verification", "Prüfung"),
            t("notVerified", "Not verified since the server started.", "Seit dem Start des Servers nicht geprüft."),
            t("verifiedOk", "Verified: every chain is intact.", "Geprüft: jede Kette ist unversehrt."),
            t("verifiedFailed", "Verification failed.", "Die Prüfung ist fehlgeschlagen."),
            t("verifiedAt", "Verified at", "Geprüft am"),
            t("verifyNow", "Verify the whole ledger now", "Das ganze Register jetzt prüfen"),
            t("health", "Ledger health", "Zustand des Registers"),
            t("healthy", "Healthy", "In Ordnung"),
            t("attention", "Needs attention", "Braucht Aufmerksamkeit"),
            t("unknown", "Unknown until verified", "Unbekannt bis zur Prüfung"),
            t("unsealed", "records after the last checkpoint", "Einträge nach dem letzten Checkpoint"),
            t("retention", "Retention", "Aufbewahrung"),
            t("oldest", "Oldest record", "Ältester Eintrag"),
            t("retentionPeriod", "Retention period", "Aufbewahrungsdauer"),
            t("days", "days", "Tage"),
            t("nextPurge", "Next purge due", "Nächste Löschung fällig"),
            t("range", "Range", "Zeitraum"),
            t("from", "From", "Von"),
            t("to", "To (inclusive)", "Bis (einschließlich)"),
            t("group", "Group by", "Gruppieren nach"),
            t("day", "Day", "Tag"),
            t("week", "Week", "Woche"),
            t("show", "Show", "Anzeigen"),
            t("period", "Period", "Zeitraum"),
            t("accept_all", "Accept all", "Alle akzeptieren"),
            t("reject_all", "Reject all", "Alle ablehnen"),
            t("custom", "Custom", "Individuell"),
            t("withdrawal", "Withdrawal", "Widerruf"),
            t("decisions", "Choices", "Entscheidungen"),
            t(
                    "otherEvents",
                    "Other events (expiry, signals, site code)",
                    "Andere Ereignisse (Ablauf, Signale, Website-Code)"),
            t("shareChart", "Share of each kind of choice per period", "Anteil jeder Art von Entscheidung je Zeitraum"),
            t("grantRate", "Grant rate per category", "Zustimmungsrate je Kategorie"),
            t("category", "Category", "Kategorie"),
            t("granted", "Granted", "Erteilt"),
            t("rate", "Rate", "Rate"),
            t("byPolicy", "By policy version", "Nach Richtlinienversion"),
            t("byPoint", "By collection point", "Nach Erfassungsort"),
            t("version", "Version", "Version"),
            t("point", "Collection point", "Erfassungsort"),
            t("first_layer", "First layer", "Erste Ebene"),
            t("settings", "Settings", "Einstellungen"),
            t("embed_placeholder", "Embed placeholder", "Platzhalter eines Inhalts"),
            t("no_script_form", "No-script form", "Formular ohne JavaScript"),
            t("api", "Site code (API)", "Website-Code (API)"),
            t("system", "System", "System"),
            t("signals", "Browser signals", "Browser-Signale"),
            t("signalShare", "Records sent with the signal", "Einträge mit dem Signal"),
            t("parental", "Parental consents", "Einwilligungen von Eltern"),
            t("parentalCount", "Records made by a parent", "Von Eltern abgegebene Einträge"),
            t("noChoices", "No records in this range.", "Keine Einträge in diesem Zeitraum."),
            t("hash", "Content hash", "Inhalts-Hash"),
            t("firstUsed", "First used", "Zuerst verwendet"),
            t("noPolicies", "No record names a policy yet.", "Noch kein Eintrag nennt eine Richtlinie."),
            t("compare", "Compare two versions", "Zwei Versionen vergleichen"),
            t("older", "Older version", "Ältere Version"),
            t("newer", "Newer version", "Neuere Version"),
            t(
                    "material",
                    "Material changes: visitors must be asked again (C17)",
                    "Wesentliche Änderungen: Besucher müssen erneut gefragt werden (C17)"),
            t(
                    "editorial",
                    "Editorial changes: no new consent needed",
                    "Redaktionelle Änderungen: keine neue Einwilligung nötig"),
            t("noChange", "none", "keine"),
            t("textDiff", "Text of the two versions, line by line", "Text der beiden Versionen, Zeile für Zeile"),
            t("removed", "removed", "entfernt"),
            t("added", "added", "hinzugefügt"),
            t(
                    "verdictMaterial",
                    "The newer version changes the policy materially: visitors who chose under the older one are"
                            + " asked again (C17). These changes make it material:",
                    "Die neuere Version ändert die Richtlinie wesentlich: Wer unter der älteren entschieden hat,"
                            + " wird erneut gefragt (C17). Diese Änderungen machen sie wesentlich:"),
            t(
                    "verdictEditorial",
                    "The newer version changes the policy only editorially: the choices made under the older one"
                            + " stay valid (C17).",
                    "Die neuere Version ändert die Richtlinie nur redaktionell: Die unter der älteren getroffenen"
                            + " Entscheidungen bleiben gültig (C17)."),
            // One sentence per kind of policy change ({@code PolicyChange.Kind}): {s} the category or service,
            // {c} the cookie, {b} and {a} the values before and after.
            t("change-CATEGORY_ADDED", "Category '{s}' added", "Kategorie „{s}“ hinzugefügt"),
            t(
                    "change-CATEGORY_PURPOSE_CHANGED",
                    "Category '{s}': purpose (description) changed",
                    "Kategorie „{s}“: Zweck (Beschreibung) geändert"),
            t(
                    "change-CATEGORY_BECAME_REQUIRED",
                    "Category '{s}' became required",
                    "Kategorie „{s}“ ist jetzt notwendig (nicht mehr abwählbar)"),
            t(
                    "change-CATEGORY_BECAME_OPTIONAL",
                    "Category '{s}' became optional",
                    "Kategorie „{s}“ ist jetzt optional"),
            t(
                    "change-CATEGORY_LABEL_CHANGED",
                    "Category '{s}': label changed",
                    "Kategorie „{s}“: Bezeichnung geändert"),
            t(
                    "change-CATEGORY_SIGNALS_CHANGED",
                    "Category '{s}': signal or Consent Mode settings changed",
                    "Kategorie „{s}“: Einstellungen zu Signalen oder Consent Mode geändert"),
            t("change-CATEGORY_REMOVED", "Category '{s}' removed", "Kategorie „{s}“ entfernt"),
            t("change-SERVICE_ADDED", "Service '{s}' added", "Dienst „{s}“ hinzugefügt"),
            t(
                    "change-SERVICE_MOVED",
                    "Service '{s}' moved from category '{b}' to '{a}'",
                    "Dienst „{s}“ von Kategorie „{b}“ nach „{a}“ verschoben"),
            t(
                    "change-SERVICE_PROVIDER_CHANGED",
                    "Service '{s}': provider changed from '{b}' to '{a}'",
                    "Dienst „{s}“: Anbieter von „{b}“ zu „{a}“ geändert"),
            t("change-SERVICE_PURPOSE_CHANGED", "Service '{s}': purpose changed", "Dienst „{s}“: Zweck geändert"),
            t("change-SERVICE_HOST_ADDED", "Service '{s}': host '{a}' added", "Dienst „{s}“: Host „{a}“ hinzugefügt"),
            t(
                    "change-SERVICE_NAME_OR_LINK_CHANGED",
                    "Service '{s}': name or privacy-policy link changed",
                    "Dienst „{s}“: Name oder Link zur Datenschutzerklärung geändert"),
            t(
                    "change-SERVICE_TRANSLATION_CHANGED",
                    "Service '{s}': name or provider in another language changed",
                    "Dienst „{s}“: Name oder Anbieter in einer anderen Sprache geändert"),
            t("change-SERVICE_HOSTS_REMOVED", "Service '{s}': hosts removed", "Dienst „{s}“: Hosts entfernt"),
            t(
                    "change-SERVICE_CONSENT_API_CHANGED",
                    "Service '{s}': consent API changed",
                    "Dienst „{s}“: Consent-Schnittstelle geändert"),
            t("change-SERVICE_REMOVED", "Service '{s}' removed", "Dienst „{s}“ entfernt"),
            t("change-COOKIE_ADDED", "Service '{s}': cookie '{c}' added", "Dienst „{s}“: Cookie „{c}“ hinzugefügt"),
            t(
                    "change-COOKIE_BECAME_THIRD_PARTY",
                    "Service '{s}': cookie '{c}' became third-party",
                    "Dienst „{s}“: Cookie „{c}“ ist jetzt ein Drittanbieter-Cookie"),
            t(
                    "change-COOKIE_LIFETIME_EXTENDED",
                    "Service '{s}': cookie '{c}': lifetime extended from {b} to {a}",
                    "Dienst „{s}“: Cookie „{c}“: Speicherdauer verlängert (vorher {b}, jetzt {a})"),
            t(
                    "change-COOKIE_LIFETIME_SHORTENED",
                    "Service '{s}': cookie '{c}': lifetime shortened",
                    "Dienst „{s}“: Cookie „{c}“: Speicherdauer verkürzt"),
            t(
                    "change-COOKIE_DETAILS_CHANGED",
                    "Service '{s}': cookie '{c}': description, domains or paths changed",
                    "Dienst „{s}“: Cookie „{c}“: Beschreibung, Domains oder Pfade geändert"),
            t("change-COOKIE_REMOVED", "Service '{s}': cookie '{c}' removed", "Dienst „{s}“: Cookie „{c}“ entfernt"),
            t("change-LINKS_CHANGED", "Links changed", "Links geändert"),
            t(
                    "change-LIFETIMES_CHANGED",
                    "Consent lifetime or re-ask interval changed",
                    "Gültigkeitsdauer der Einwilligung oder Abstand der erneuten Nachfrage geändert"),
            t(
                    "change-TEXTS_CHANGED",
                    "Banner texts or default language changed",
                    "Banner-Texte oder Standardsprache geändert"),
            t(
                    "change-CONSENT_MODE_REGION_GRANTS",
                    "Consent Mode: '{a}' granted by default in region '{s}'",
                    "Consent Mode: „{a}“ in Region „{s}“ ohne Auswahl gewährt"),
            t("change-CONSENT_MODE_OPTIONS_CHANGED", "Consent Mode options changed", "Consent-Mode-Optionen geändert"),
            t("query", "Consent id or account reference", "Einwilligungs-ID oder Konto-Referenz"),
            t("find", "Find", "Suchen"),
            t("history", "History", "Verlauf"),
            t("time", "Time", "Zeit"),
            t("event", "Event", "Ereignis"),
            t("method", "Method", "Art"),
            t("intact", "Record hash", "Hash des Eintrags"),
            t("ok", "intact", "unversehrt"),
            t("broken", "changed", "verändert"),
            t("stretch", "Chain stretch", "Kettenabschnitt"),
            t("stretchOk", "verifies", "ist unversehrt"),
            t("stretchFailed", "does not verify", "ist nicht unversehrt"),
            t(
                    "sealed",
                    "covered by the signed checkpoint at position",
                    "gedeckt durch den signierten Checkpoint an Position"),
            t("notSealed", "not yet covered by a signed checkpoint", "noch von keinem signierten Checkpoint gedeckt"),
            t("noHistory", "No records for this id.", "Keine Einträge zu dieser ID."),
            t("receipt", "Check a receipt", "Einen Beleg prüfen"),
            t(
                    "receiptLabel",
                    "Receipt (the compact JWS the visitor got)",
                    "Beleg (das kompakte JWS, das der Besucher erhielt)"),
            t("check", "Check", "Prüfen"),
            t(
                    "receiptBad",
                    "Not a valid receipt of this site: the signature does not verify.",
                    "Kein gültiger Beleg dieser Website: die Signatur stimmt nicht."),
            t("receiptGood", "The signature is valid.", "Die Signatur ist gültig."),
            t(
                    "receiptMatches",
                    "It states exactly the ledger record at",
                    "Er gibt genau den Eintrag im Register wieder an"),
            t(
                    "receiptNoMatch",
                    "No ledger record states the same (purged, or the ledger was changed).",
                    "Kein Eintrag im Register sagt dasselbe (gelöscht, oder das Register wurde verändert)."),
            t(
                    "cookiesAbout",
                    "Cookies the site set that the policy does not declare, as the filter saw them: add each to"
                            + " the policy under its service, or stop setting it.",
                    "Cookies, die die Website gesetzt hat und die die Richtlinie nicht nennt, wie der Filter sie"
                            + " gesehen hat: Nehmen Sie jedes in die Richtlinie unter seinem Dienst auf, oder setzen"
                            + " Sie es nicht mehr."),
            t(
                    "cookiesNone",
                    "No undeclared cookie seen: the site sets only cookies its policy declares.",
                    "Kein undeklariertes Cookie gesehen: Die Website setzt nur Cookies, die ihre Richtlinie nennt."),
            t(
                    "cookiesNotKept",
                    "more cookie names were seen but not kept (the inventory keeps at most 500 names).",
                    "weitere Cookie-Namen wurden gesehen, aber nicht aufbewahrt (das Inventar behält höchstens"
                            + " 500 Namen)."),
            t("cookieName", "Cookie", "Cookie"),
            t("likelyCategory", "Most likely category", "Wahrscheinliche Kategorie"),
            t("firstSeen", "First seen", "Zuerst gesehen"),
            t("lastSeen", "Last seen", "Zuletzt gesehen"),
            t("seenCount", "Times set", "Wie oft gesetzt"),
            t("paths", "Paths", "Pfade"),
            t("likely-necessary", "necessary", "notwendig"),
            t("likely-functional", "functional", "funktional"),
            t("likely-analytics", "analytics", "Statistik"),
            t("likely-marketing", "marketing", "Marketing"),
            t("likely-unknown", "unknown", "unbekannt"));

    private AuditDashboardTexts() {}

    private static Map.Entry<String, String[]> t(String key, String en, String de) {
        return Map.entry(key, new String[] {en, de});
    }

    /** Whether {@code key} has a text. */
    static boolean has(String key) {
        return TEXTS.containsKey(key);
    }

    /** The text of {@code key} in {@code lang} ({@code en} or {@code de}). */
    static String get(String key, String lang) {
        String[] text = TEXTS.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no dashboard text '" + key + "'");
        }
        return lang.equals("de") ? text[1] : text[0];
    }
}
