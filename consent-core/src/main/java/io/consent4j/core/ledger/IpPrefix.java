/*
 * Copyright 2026 the consent4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.consent4j.core.ledger;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Truncates client IP addresses before anything is stored or logged (C23): IPv4 to its /24 network,
 * IPv6 to its /48 network. The full address is never kept. IPv4-mapped IPv6 addresses count as IPv4.
 */
public final class IpPrefix {

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpPrefix() {}

    /**
     * The truncated network of {@code address}, such as {@code 203.0.113.0/24} or
     * {@code 2001:db8:1234::/48}; empty when it is not a literal IP address. Never does a DNS lookup.
     */
    public static Optional<String> of(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String text = address.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (text.indexOf(':') < 0) { // IPv4, as every request of a site without IPv6 has: read by hand
            int[] octets = ipv4(text);
            return octets == null
                    ? Optional.empty()
                    : Optional.of(octets[0] + "." + octets[1] + "." + octets[2] + ".0/24");
        }
        if (!IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            // Literal addresses only (checked above), so this never resolves a name.
            InetAddress parsed = InetAddress.getByName(text);
            byte[] bytes = parsed.getAddress();
            if (parsed instanceof Inet4Address) {
                return Optional.of((bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24");
            }
            if (parsed instanceof Inet6Address) {
                return Optional.of(String.format(
                        "%x:%x:%x::/48",
                        (bytes[0] & 0xff) << 8 | (bytes[1] & 0xff),
                        (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff),
                        (bytes[4] & 0xff) << 8 | (bytes[5] & 0xff)));
            }
            return Optional.empty();
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The four octets of a dotted-quad IPv4 address of 1 to 3 decimal digits each, or null. */
    private static int[] ipv4(String text) {
        int[] octets = new int[4];
        int octet = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && digits < 3) {
                octets[octet] = octets[octet] * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && octet < 3) {
                octet++;
                digits = 0;
            } else {
                return null;
            }
        }
        if (octet != 3 || digits == 0) {
            return null;
        }
        for (int value : octets) {
            if (value > 255) {
                return null;
            }
        }
        return octets;
    }
}
