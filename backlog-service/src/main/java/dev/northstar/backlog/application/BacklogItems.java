package dev.northstar.backlog.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.backlog.domain.BacklogItem;
import dev.northstar.backlog.domain.BacklogItemEvent;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.EventStore;
import jakarta.inject.Singleton;

/** The event-sourced repository of backlog items: stream type {@code backlog-item}, events {@code northstar.backlog.*}. */
@Singleton
public class BacklogItems extends EventSourcedRepository<BacklogItem, BacklogItemEvent> {
    public static final String STREAM_TYPE = "backlog-item";
    public static final String CONTEXT = "backlog";

    public BacklogItems(EventStore store, ObjectMapper json) {
        super(store, json, STREAM_TYPE, CONTEXT, BacklogItemEvent.class, BacklogItem::apply);
    }
}
