package dev.rebound.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * W3C trace context ({@code traceparent}) as the services carry it across Kafka and their stores: read from the
 * current span, and checked when it comes from outside.
 */
public final class TraceContext {

    /** The record header (and mail header) that carries it. */
    public static final String HEADER = "traceparent";
    private static final Pattern VALID = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceContext() {
    }

    /** The current span's trace context as a {@code traceparent}, or null when no span is current. */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex() : null;
    }

    /** A header value (bytes or text) as a valid {@code traceparent}, or null: anything else is ignored. */
    public static String valid(Object header) {
        String value = header instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : header == null ? null : header.toString();
        return value != null && VALID.matcher(value.trim()).matches() ? value.trim() : null;
    }

    /** The trace id of a {@code traceparent}. */
    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }
}
