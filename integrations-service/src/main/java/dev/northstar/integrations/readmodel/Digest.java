package dev.northstar.integrations.readmodel;

import dev.northstar.platform.text.Markdown;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What happened to a product between two instants, for the people who follow it: initiatives moved, shipped, changed
 * status or reported on, backlog items whose priority changed (and why), and the voice of the customer.
 */
public record Digest(UUID productId, Instant since, Instant until, List<Moved> moved, List<Shipped> shipped,
                     List<StatusChange> statusChanges, List<HealthReport> health, List<PriorityChange> priorityChanges,
                     Customers customers) {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z_]{0,39}");

    public record Moved(UUID initiativeId, String title, String from, String to, String targetQuarter, Instant at, String by) {
    }

    /** {@code kind}: RELEASE (shipped), INITIATIVE (done) or ITEM (accepted). */
    public record Shipped(String kind, UUID id, String title, Instant at, String by) {
    }

    /** An initiative's status changed; {@code reason} when it was dropped. */
    public record StatusChange(UUID initiativeId, String title, String from, String to, String reason, Instant at, String by) {
    }

    public record HealthReport(UUID initiativeId, String title, String status, String text, Instant at, String by) {
    }

    /**
     * A backlog item's rank from before its first change in the period to after its last; {@code causes}: the types
     * of the events that changed it (a roadmap move, new demand, a changed model...).
     */
    public record PriorityChange(UUID itemId, String title, Integer fromRank, Integer toRank, int changes, List<String> causes) {
    }

    /** Feedback received, feedback answered by something that shipped, and updates due to customers. */
    public record Customers(long feedbackReceived, long feedbackAnswered, long updatesDue) {
    }

    /** The digest as Markdown; every text of the events in it is written as plain text ({@link Markdown#text}). */
    public String markdown() {
        StringBuilder md = new StringBuilder("# What changed from ").append(since).append(" to ").append(until).append("\n");
        section(md, "Shipped", shipped, s -> text(s.kind().toLowerCase(Locale.ROOT)) + " **" + title(s.title()) + "** (" + s.at()
                + (s.by() == null ? "" : ", " + text(s.by())) + ")");
        section(md, "Moved", moved, m -> "**" + title(m.title()) + "**: " + name(m.from()) + " → " + name(m.to())
                + (m.targetQuarter() == null ? "" : " (" + text(m.targetQuarter()) + ")") + (m.by() == null ? "" : ", by " + text(m.by())));
        section(md, "Status", statusChanges, c -> "**" + title(c.title()) + "**: " + name(c.from()) + " → " + name(c.to())
                + (c.reason() == null ? "" : " (" + text(c.reason()) + ")"));
        section(md, "Health", health, h -> "**" + title(h.title()) + "**: " + name(h.status()) + ": " + text(h.text())
                + (h.by() == null ? "" : " (" + text(h.by()) + ")"));
        section(md, "Priority", priorityChanges, p -> "**" + title(p.title()) + "**: rank " + p.fromRank() + " → " + p.toRank()
                + " because of " + String.join(", ", p.causes().stream().map(Digest::text).toList()));
        md.append("\n## Customers\n\n").append(customers.feedbackReceived()).append(" feedback received, ")
                .append(customers.feedbackAnswered()).append(" answered by what shipped, ")
                .append(customers.updatesDue()).append(" customer updates due\n");
        return md.toString();
    }

    private static <T> void section(StringBuilder md, String heading, List<T> entries, Function<T, String> line) {
        md.append("\n## ").append(heading).append("\n\n");
        if (entries.isEmpty()) {
            md.append("Nothing.\n");
        }
        entries.forEach(entry -> md.append("- ").append(line.apply(entry)).append('\n'));
    }

    private static String title(String title) {
        return Markdown.text(title, "(untitled)");
    }

    private static String text(String text) {
        return Markdown.text(text, "");
    }

    /** A horizon or a status ({@code AT_RISK}) as it is, anything else as text. */
    private static String name(String name) {
        return name != null && NAME.matcher(name).matches() ? name : text(name);
    }
}
