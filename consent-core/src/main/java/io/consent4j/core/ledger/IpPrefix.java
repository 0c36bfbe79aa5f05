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

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
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
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
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
}
