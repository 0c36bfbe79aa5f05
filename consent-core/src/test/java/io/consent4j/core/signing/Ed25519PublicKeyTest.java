/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ed25519PublicKeyTest {

    /** The key pairs of RFC 8032 section 7.1. */
    @ParameterizedTest
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
                + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
                + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
                + "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5,"
                + "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42,"
                + "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf"
    })
    void publicKeyIsTheOneOfRfc8032(String seed, String publicKey) {
        HexFormat hex = HexFormat.of();

        assertThat(hex.formatHex(Ed25519PublicKey.of(hex.parseHex(seed)))).isEqualTo(publicKey);
    }

    /**
     * The JDK's own provider (SunEC) draws exactly the seed from the random source it is given, so on this
     * runtime it computes the reference public key of any seed.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void publicKeyIsTheOneOfTheJdksProvider(long n) throws Exception {
        byte[] seed = new byte[32];
        new Random(n).nextBytes(seed);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", "SunEC");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        byte[] encoded = generator.generateKeyPair().getPublic().getEncoded();

        assertThat(Ed25519PublicKey.of(seed))
                .isEqualTo(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }
}
