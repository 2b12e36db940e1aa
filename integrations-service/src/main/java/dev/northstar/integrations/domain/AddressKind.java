package dev.northstar.integrations.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of network an address belongs to, for the guard against server-side request forgery: a webhook URL
 * must not make Northstar call into its own host or network unless the operator allows that kind. An IPv6 address
 * that carries an IPv4 address (IPv4-mapped and -compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is
 * judged by the IPv4 address inside it, since that is where a translator or relay delivers it.
 */
public enum AddressKind {
    /** 127.0.0.0/8, ::1 */
    LOOPBACK,
    /** 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7, 64:ff9b:1::/48 (local-use NAT64) */
    PRIVATE,
    /** 169.254/16 (cloud metadata endpoints live here), fe80::/10 */
    LINK_LOCAL,
    /** 0.0.0.0, ::, multicast, Teredo and other addresses nothing should be sent to */
    RESERVED,
    PUBLIC;

    public static AddressKind of(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (address.isLinkLocalAddress()) {
            return LINK_LOCAL;
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return RESERVED;
        }
        byte[] bytes = address.getAddress();
        return switch (address) {
            case Inet4Address v4 -> ofIpv4(v4, bytes);
            case Inet6Address v6 -> embeddedIpv4(bytes).map(AddressKind::of).orElseGet(() -> ofIpv6(v6, bytes));
            default -> RESERVED;
        };
    }

    private static AddressKind ofIpv4(Inet4Address address, byte[] bytes) {
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if (address.isSiteLocalAddress() || (first == 100 && second >= 64 && second < 128)) {
            return PRIVATE;
        }
        if (first == 0 || first >= 240 || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19))) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressKind ofIpv6(Inet6Address address, byte[] bytes) {
        if ((bytes[0] & 0xfe) == 0xfc || address.isSiteLocalAddress() || startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            return PRIVATE;
        }
        // Teredo (2001::/32) hides its IPv4 address; 2001:db8::/32 is for documentation only
        if (startsWith(bytes, 0x20, 0x01, 0x00, 0x00) || startsWith(bytes, 0x20, 0x01, 0x0d, 0xb8)) {
            return RESERVED;
        }
        return PUBLIC;
    }

    /** The IPv4 address an IPv6 address carries to be delivered to: IPv4-mapped or -compatible, NAT64 or 6to4. */
    private static Optional<InetAddress> embeddedIpv4(byte[] bytes) {
        boolean zeroTo10 = Arrays.equals(bytes, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeroTo10 && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = zeroTo10 && bytes[10] == 0 && bytes[11] == 0;
        boolean nat64 = startsWith(bytes, 0x00, 0x64, 0xff, 0x9b) && Arrays.equals(bytes, 4, 12, new byte[8], 0, 8);
        if (mapped || compatible || nat64) {
            return Optional.of(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (startsWith(bytes, 0x20, 0x02)) {
            return Optional.of(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] four) {
        try {
            return InetAddress.getByAddress(four);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
