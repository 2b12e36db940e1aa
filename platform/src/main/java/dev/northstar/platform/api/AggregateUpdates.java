package dev.northstar.platform.api;

import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Versioned;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one way every service changes an aggregate: load it, answer 404 when it is not the product's,
 * 412 when the client's If-Match is stale, let it decide, append what it decided after the version it
 * decided on (409 if someone appended in between). Call inside a transaction.
 */
public final class AggregateUpdates {

    public static <S, E> Versioned<S> update(EventSourcedRepository<S, E> repository, UUID productId, UUID id,
                                             Function<S, UUID> productOf, String what, String ifMatch,
                                             EventMetadata metadata, Function<S, List<E>> command) {
        Versioned<S> current = load(repository, productId, id, productOf, what);
        Versions.check(ifMatch, current.version());
        return repository.append(id, productId, current, command.apply(current.state()), metadata);
    }

    /** The aggregate if it exists and belongs to the product; a 404 problem otherwise. */
    public static <S, E> Versioned<S> load(EventSourcedRepository<S, E> repository, UUID productId, UUID id,
                                           Function<S, UUID> productOf, String what) {
        return repository.load(id)
                .filter(aggregate -> productId.equals(productOf.apply(aggregate.state())))
                .orElseThrow(() -> ProblemException.notFound(what + " " + id));
    }

    private AggregateUpdates() {
    }
}
