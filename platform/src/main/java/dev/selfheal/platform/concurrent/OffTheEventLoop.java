package dev.selfheal.platform.concurrent;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Running blocking or CPU-heavy work from reactive code without stalling the event loop. */
public final class OffTheEventLoop {

    private OffTheEventLoop() {
    }

    /**
     * Runs {@code work} on a worker thread and resumes on the caller's Vert.x context (where Hibernate Reactive
     * must be called), or on the worker when there is no context.
     */
    public static <T> Uni<T> run(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> done = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? done : done.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
