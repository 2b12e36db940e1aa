package dev.northstar.integrations.application;

import dev.northstar.integrations.domain.AddressKind;
import dev.northstar.integrations.domain.WebhookUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * The guard against server-side request forgery: where a webhook URL's host resolves to, and whether this
 * installation may send there. Every address the name resolves to must be public or of a kind the operator allows
 * ({@code northstar.webhooks.allowed-address-kinds}). A delivery goes to the address the guard cleared, so a DNS
 * answer that changes between the check and the connection (DNS rebinding) cannot redirect it.
 */
@ApplicationScoped
public class OutboundGuard {

    /** Resolves a host name (or address literal) to its addresses; the system resolver unless a test says otherwise. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** What the guard decided for one delivery. */
    public sealed interface Clearance {
        /** The URL may be called, at this address (and no other: the name is not resolved again). */
        record Cleared(InetAddress address) implements Clearance {
        }

        record Refused(String reason) implements Clearance {
        }
    }

    private final Set<AddressKind> allowed;
    private final Resolver resolver;

    @Inject
    public OutboundGuard(WebhookSettings settings) {
        this(settings.allowedKinds(), InetAddress::getAllByName);
    }

    OutboundGuard(Set<AddressKind> allowed, Resolver resolver) {
        this.allowed = Set.copyOf(allowed);
        this.resolver = resolver;
    }

    /** Where the URL may be called now, or why it may not. A name that does not resolve may not be called. */
    public Clearance clear(WebhookUrl url) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(url.host());
        } catch (UnknownHostException e) {
            return new Clearance.Refused("host " + url.host() + " does not resolve");
        }
        Optional<String> forbidden = forbidden(url, addresses);
        return forbidden.<Clearance>map(Clearance.Refused::new).orElseGet(() -> new Clearance.Cleared(addresses[0]));
    }

    /** Why the URL may never be called, when its host is an address literal or resolves to forbidden addresses; empty otherwise (a name that does not resolve today might tomorrow). */
    public Optional<String> refusalAtSubscription(WebhookUrl url) {
        try {
            return forbidden(url, resolver.resolve(url.host()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private Optional<String> forbidden(WebhookUrl url, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            AddressKind kind = AddressKind.of(address);
            if (kind != AddressKind.PUBLIC && !allowed.contains(kind)) {
                return Optional.of(url.host() + " resolves to " + address.getHostAddress() + ", a " + kind
                        + " address, which this installation does not send webhooks to (northstar.webhooks.allowed-address-kinds)");
            }
        }
        return Optional.empty();
    }
}
