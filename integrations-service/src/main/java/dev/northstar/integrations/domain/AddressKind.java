package dev.northstar.integrations.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of network an address belongs to, for the guard against server-side request forgery: a webhook URL
 * must not make Northstar call into its own host or network unless the operator allows that kind.
 */
public enum AddressKind {
    /** 127.0.0.0/8, ::1 */
    LOOPBACK,
    /** 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7 */
    PRIVATE,
    /** 169.254/16 (cloud metadata endpoints live here), fe80::/10 */
    LINK_LOCAL,
    /** 0.0.0.0, ::, multicast and other addresses nothing should be sent to */
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
        if (address instanceof Inet4Address) {
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
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc || address.isSiteLocalAddress()) {
                return PRIVATE;
            }
            if (isIpv4Mapped(bytes)) {
                try {
                    return of(InetAddress.getByAddress(new byte[]{bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException impossible) {
                    return RESERVED;
                }
            }
        }
        return PUBLIC;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
