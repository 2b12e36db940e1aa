package dev.northstar.contracts.events;

/**
 * Every event a Northstar service publishes, one sealed family per topic. A record's simple name is the event
 * name in its CloudEvents type ({@code northstar.<context>.<Name>.v1}); its components are the JSON payload.
 *
 * <p>Versioning: within a {@code .vN} type a payload only ever gains fields, and readers ignore the fields they
 * do not know. Removing, renaming or retyping a field is a new record published as {@code .v(N+1)}
 * (see {@link EventVersion}). {@code ContractTest} in every publishing service enforces this against the
 * topic's AsyncAPI document.
 */
public sealed interface PublishedEvent permits RoadmapEvent, BacklogEvent, FeedbackEvent, AnalyticsEvent, IntegrationsEvent,
        CustomerKeyEvent {
}
