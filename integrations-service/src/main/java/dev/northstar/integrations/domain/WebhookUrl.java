package dev.northstar.integrations.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a subscription's deliveries go: an absolute https URL (http only where the operator allows it, as the local
 * run does) without user information or fragment. Where its host resolves to is checked before every delivery,
 * since DNS answers change, and the delivery goes to the address checked.
 */
public record WebhookUrl(URI uri) {

    public static WebhookUrl parse(String written, boolean httpAllowed) {
        URI uri;
        try {
            uri = new URI(written == null ? "" : written.strip());
        } catch (URISyntaxException e) {
            throw new RuleViolation("url", "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(httpAllowed && scheme.equals("http"))) {
            throw new RuleViolation("url", httpAllowed ? "a webhook URL is an http or https URL"
                    : "a webhook URL is an https URL (this installation does not send webhooks over plain http)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RuleViolation("url", "a webhook URL names a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RuleViolation("url", "a webhook URL carries no user name or password (the signature authenticates Northstar)");
        }
        if (uri.getRawFragment() != null) {
            throw new RuleViolation("url", "a webhook URL has no fragment (#...)");
        }
        return new WebhookUrl(uri);
    }

    public String host() {
        String host = uri.getHost();
        // an IPv6 literal comes bracketed
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public boolean secure() {
        return uri.getScheme().equalsIgnoreCase("https");
    }

    public int port() {
        return uri.getPort() != -1 ? uri.getPort() : secure() ? 443 : 80;
    }

    /** What the request asks for: the path (at least "/") and the query, as written. */
    public String target() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
