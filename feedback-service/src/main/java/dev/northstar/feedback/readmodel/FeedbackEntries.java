package dev.northstar.feedback.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The feedback read model's rows, by Panache. */
@ApplicationScoped
public class FeedbackEntries implements PanacheRepositoryBase<FeedbackEntry, UUID> {
}
