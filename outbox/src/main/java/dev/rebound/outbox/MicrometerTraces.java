package dev.rebound.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import java.util.Map;

/** {@link Traces} over the service's Micrometer tracer and its W3C propagator. */
public final class MicrometerTraces implements Traces {

    private final Tracer tracer;
    private final Propagator propagator;

    public MicrometerTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Scope continueTrace(String traceparent, String name) {
        String parent = TraceContext.valid(traceparent);
        Span.Builder builder = parent == null ? tracer.spanBuilder().setNoParent()
                : propagator.extract(Map.of(TraceContext.HEADER, parent), Map::get);
        Span span = builder.name(name).start();
        Tracer.SpanInScope scope = tracer.withSpan(span);
        return () -> {
            scope.close();
            span.end();
        };
    }
}
