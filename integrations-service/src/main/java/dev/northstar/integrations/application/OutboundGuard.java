package dev.northstar.integrations.application;

import dev.northstar.integrations.domain.AddressKind;
import dev.northstar.integrations.domain.WebhookUrl;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * The guard against server-side request forgery: where a webhook URL's host resolves to, and whether this
 * installation may send there. Every address the name resolves to must be public or of a kind the operator allows
 * ({@code northstar.webhooks.allowed-address-kinds}).
 */
@ApplicationScoped
public class OutboundGuard {
    private final Set<AddressKind> allowed;

    public OutboundGuard(WebhookSettings settings) {
        this.allowed = settings.allowedKinds();
    }

    /** Why the URL may not be called now, or empty when it may. A name that does not resolve may not be called. */
    public Optional<String> refusal(WebhookUrl url) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.host());
        } catch (UnknownHostException e) {
            return Optional.of("host " + url.host() + " does not resolve");
        }
        return forbidden(url, addresses);
    }

    /** Why the URL may never be called, when its host is an address literal or resolves to forbidden addresses; empty otherwise (a name that does not resolve today might tomorrow). */
    public Optional<String> refusalAtSubscription(WebhookUrl url) {
        try {
            return forbidden(url, InetAddress.getAllByName(url.host()));
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
