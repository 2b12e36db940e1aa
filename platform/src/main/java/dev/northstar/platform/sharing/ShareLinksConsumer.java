package dev.northstar.platform.sharing;

import dev.northstar.contracts.events.IntegrationsEvent;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.ReceivedEvent;
import dev.northstar.platform.messaging.RebuildableConsumer;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Keeps {@link ShareLinks} from integrations-service's events. A service that opens share links extends it with a
 * bean whose {@code @Incoming("share-links")} method hands each batch to {@link #deliver} (channel settings in its
 * {@code application.properties}); rebuildable from the topic.
 */
public abstract class ShareLinksConsumer implements RebuildableConsumer<IntegrationsEvent> {
    public static final String NAME = "share-links";

    private final Inbox inbox;
    private final ShareLinks links;

    protected ShareLinksConsumer(Inbox inbox, ShareLinks links) {
        this.inbox = inbox;
        this.links = links;
    }

    protected CompletionStage<Void> deliver(Message<List<String>> batch) {
        return inbox.deliverAll(this, batch);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<IntegrationsEvent> accepts() {
        return IntegrationsEvent.class;
    }

    @Override
    public List<String> stateTables() {
        return List.of(ShareLinks.TABLE);
    }

    @Override
    public void handle(ReceivedEvent<? extends IntegrationsEvent> event) {
        switch (event.payload()) {
            case IntegrationsEvent.ShareLinkCreated e -> links.created(e.shareLinkId(), e.productId(), e.scope(), e.tokenSha256(), e.expiresAt(),
                    e.audience());
            case IntegrationsEvent.ShareLinkRevoked e -> links.revoked(event.subjectId(), event.time());
        }
    }
}
