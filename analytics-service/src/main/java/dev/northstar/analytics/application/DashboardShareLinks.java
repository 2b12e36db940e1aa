package dev.northstar.analytics.application;

import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.sharing.ShareLinks;
import dev.northstar.platform.sharing.ShareLinksConsumer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The share links integrations-service made, so that a dashboard link opens here. A singleton rather than
 * application-scoped: a client proxy would need a no-argument constructor the base class does not have.
 */
@Singleton
public class DashboardShareLinks extends ShareLinksConsumer {

    public DashboardShareLinks(Inbox inbox, ShareLinks links) {
        super(inbox, links);
    }

    @Incoming(NAME)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return deliver(batch);
    }
}
