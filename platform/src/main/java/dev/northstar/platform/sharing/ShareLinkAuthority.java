package dev.northstar.platform.sharing;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Asks the owner of the share links (integrations-service, {@code GET /api/v1/shared/{token}/link}) whether a link
 * still opens: 200 yes, 404 no, anything else (or no answer in time) is {@link ShareLinks.Busy}, so a link is never
 * served on a guess. Without an owner configured, every link this service knows is taken as open.
 */
@ApplicationScoped
public class ShareLinkAuthority {
    private final ShareLinkSettings settings;
    private final HttpClient http;

    public ShareLinkAuthority(ShareLinkSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.authorityTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether the owner still opens the link of {@code token}. Blocks for at most the authority timeout. */
    public boolean stillOpens(String token) {
        if (settings.authorityUrl().isEmpty()) {
            return true;
        }
        URI uri = URI.create(settings.authorityUrl().get().toString().replaceAll("/+$", "") + "/api/v1/shared/"
                + URLEncoder.encode(token, StandardCharsets.UTF_8) + "/link");
        try {
            int status = http.send(HttpRequest.newBuilder(uri).timeout(settings.authorityTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return switch (status) {
                case 200 -> true;
                case 404 -> false;
                default -> throw new ShareLinks.Busy("the share links' owner answered " + status, null);
            };
        } catch (IOException e) {
            throw new ShareLinks.Busy("the share links' owner does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShareLinks.Busy("interrupted while asking the share links' owner", e);
        }
    }
}
