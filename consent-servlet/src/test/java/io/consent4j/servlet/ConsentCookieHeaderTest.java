/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consent4j.core.ChoiceContext;
import io.consent4j.core.ChoiceResult;
import io.consent4j.core.ConsentChoice;
import io.consent4j.core.ConsentManager;
import io.consent4j.core.ledger.InMemoryConsentLedger;
import io.consent4j.core.ledger.LedgerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsentCookieHeaderTest {

    private static ConsentManager manager() {
        return ConsentManager.builder(
                        Fixtures.POLICY,
                        Fixtures.CODEC,
                        new InMemoryConsentLedger(LedgerSettings.builder(Site.SIGNER)
                                .clock(Fixtures.CLOCK)
                                .build()),
                        Site.SIGNER)
                .clock(Fixtures.CLOCK)
                .build();
    }

    private static ChoiceResult choice() {
        return manager().record(ConsentChoice.acceptAll(), ChoiceContext.api(null));
    }

    @Test
    void aSharedCookieCarriesItsDomainAndPathAndIsDeletedWithTheSame_C14() {
        ConsentCookieHeader cookie = new ConsentCookieHeader("consent4j", true, "lernen.example", "/app");

        String set = cookie.of(choice(), Fixtures.NOW);
        String deletion = cookie.deletion();

        assertThat(set).startsWith("consent4j=").contains("; Path=/app; Domain=lernen.example; HttpOnly");
        assertThat(set).contains("SameSite=Lax").endsWith("; Secure");
        assertThat(deletion)
                .startsWith("consent4j=; Max-Age=0;")
                .contains("; Path=/app; Domain=lernen.example; HttpOnly");
        // A host-only cookie of the same name from before the domain was set would be sent first: deleted.
        assertThat(cookie.hostOnlyDeletion())
                .startsWith("consent4j=; Max-Age=0;")
                .doesNotContain("Domain=");
    }

    @Test
    void aHostOnlyCookieHasNoDomainAndNothingStaleToDelete() {
        ConsentCookieHeader cookie = ConsentCookieHeader.hostOnly("consent4j", false);

        assertThat(cookie.of(choice(), Fixtures.NOW))
                .contains("; Path=/; HttpOnly; SameSite=Lax")
                .doesNotContain("Domain")
                .doesNotContain("Secure");
        assertThat(cookie.hostOnlyDeletion()).isNull();
    }

    @Test
    void readsADomainWithoutItsLeadingDotInLowerCase() {
        assertThat(ConsentSettings.builder()
                        .cookieDomain(".Lernen.Example")
                        .build()
                        .cookieDomain())
                .isEqualTo("lernen.example");
        assertThat(ConsentSettings.builder().cookieDomain(" ").build().cookieDomain())
                .isNull();
        assertThat(ConsentSettings.builder().build().cookiePath()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://lernen.example",
                "lernen.example:8443",
                "lernen.example/app",
                "*.lernen.example",
                "lernen..example",
                "lernen.example.",
                "-lernen.example",
                "127.0.0.1",
                "lernen example"
            })
    void refusesADomainThatIsNoHostName(String domain) {
        assertThatThrownBy(() -> ConsentSettings.builder().cookieDomain(domain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(ConsentSettings.COOKIE_DOMAIN + " '" + domain + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "app", "/a;b", "/a b"})
    void refusesAPathThatIsNoCookiePath(String path) {
        assertThatThrownBy(() -> ConsentSettings.builder().cookiePath(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(ConsentSettings.COOKIE_PATH + " '" + path + "'");
    }

    @Test
    void aHostPrefixedCookieTakesNeitherADomainNorAnotherPath() {
        assertThatThrownBy(() -> ConsentSettings.builder()
                        .cookieName("__Host-consent4j")
                        .cookieDomain("lernen.example")
                        .build())
                .hasMessageStartingWith(ConsentSettings.COOKIE_DOMAIN);
        assertThatThrownBy(() -> ConsentSettings.builder()
                        .cookieName("__Host-consent4j")
                        .cookiePath("/app")
                        .build())
                .hasMessageStartingWith(ConsentSettings.COOKIE_PATH);
        assertThatThrownBy(() -> ConsentEndpoint.builder(manager())
                        .cookieName("__Host-consent4j")
                        .cookieDomain("lernen.example")
                        .build())
                .hasMessageStartingWith(ConsentSettings.COOKIE_DOMAIN);
    }
}
