package dev.rebound.outbox;

/**
 * Work done on behalf of a traced event (a consumed record, a stored message sent later) continues its trace: a span,
 * child of the event's {@code traceparent}, is current while the work runs, so log lines carry its trace id and the
 * events the work decides carry it on (see {@link PendingEvent#of}). A missing or malformed traceparent starts a new
 * trace.
 */
public interface Traces {

    /** Makes a span named {@code name}, continuing {@code traceparent} (null: a new trace), current until closed. */
    Scope continueTrace(String traceparent, String name);

    /** A span in scope; closing it ends the span. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** No tracing: nothing is made current. */
    Traces NONE = (traceparent, name) -> () -> { };
}
