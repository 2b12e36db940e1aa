package dev.northstar.feedback.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.feedback.domain.CustomerUpdate;
import dev.northstar.feedback.domain.CustomerUpdateEvent;
import dev.northstar.feedback.domain.Feedback;
import dev.northstar.feedback.domain.FeedbackEvent;
import dev.northstar.feedback.domain.Vote;
import dev.northstar.feedback.domain.VoteEvent;
import dev.northstar.platform.eventstore.AggregateStateProjection;
import dev.northstar.platform.eventstore.AggregateStates;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.EventStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Feedback, votes and customer updates, each a stream type published as {@code northstar.feedback.*}. */
public class FeedbackRepositories {
    public static final String CONTEXT = "feedback";
    public static final String FEEDBACK = "feedback";
    public static final String VOTE = "vote";
    public static final String CUSTOMER_UPDATE = "customer-update";

    @Produces
    @Singleton
    EventSourcedRepository<Feedback, FeedbackEvent> feedback(EventStore store, ObjectMapper json, CustomerDataSealing sealing) {
        return new EventSourcedRepository<>(store, json, FEEDBACK, CONTEXT, FeedbackEvent.class, Feedback::apply, sealing);
    }

    @Produces
    @Singleton
    EventSourcedRepository<Vote, VoteEvent> votes(EventStore store, ObjectMapper json, CustomerDataSealing sealing) {
        return new EventSourcedRepository<>(store, json, VOTE, CONTEXT, VoteEvent.class, Vote::apply, sealing);
    }

    @Produces
    @Singleton
    EventSourcedRepository<CustomerUpdate, CustomerUpdateEvent> customerUpdates(EventStore store, ObjectMapper json, CustomerDataSealing sealing) {
        return new EventSourcedRepository<>(store, json, CUSTOMER_UPDATE, CONTEXT, CustomerUpdateEvent.class, CustomerUpdate::apply, sealing);
    }

    @Produces
    @Singleton
    AggregateStateProjection<Vote, VoteEvent> voteStates(AggregateStates states, EventSourcedRepository<Vote, VoteEvent> repository) {
        return new AggregateStateProjection<>(states, repository, Vote.class);
    }
}
