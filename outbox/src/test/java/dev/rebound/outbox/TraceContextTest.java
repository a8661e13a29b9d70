package dev.rebound.outbox;

import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.UsageSession;
import dev.rebound.outbox.kafka.KafkaEventSender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An outbox event keeps the trace it was decided in, and its record carries it, however much later it is sent. */
class TraceContextTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void anEventDecidedInASpanCarriesItsTraceContextOntoItsRecord() throws Exception {
        PendingEvent traced;
        try (Scope ignored = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()))
                .makeCurrent()) {
            traced = PendingEvent.of(event("e1"));
        }
        PendingEvent untraced = PendingEvent.of(event("e2"));
        assertThat(traced.traceparent()).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(untraced.traceparent()).isNull();

        // the template closes a producer after each send; a real factory's producers ignore that, so this one does
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public void close(Duration timeout) {
            }
        };
        new KafkaEventSender(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), Duration.ofSeconds(5))
                .sendAll(List.of(traced, untraced));
        assertThat(producer.history()).hasSize(2);
        assertThat(new String(producer.history().get(0).headers().lastHeader("traceparent").value(),
                StandardCharsets.UTF_8)).isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(producer.history().get(1).headers().lastHeader("traceparent")).isNull();
    }

    @Test
    void onlyAWellFormedTraceparentIsTakenFromOutside() {
        assertThat(TraceContext.valid(("00-" + TRACE + "-" + SPAN + "-01").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("00-" + TRACE + "-" + SPAN + "-01");
        assertThat(TraceContext.traceId("00-" + TRACE + "-" + SPAN + "-01")).isEqualTo(TRACE);
        for (Object bad : new Object[]{null, "", "garbage", "00-" + TRACE + "-" + SPAN, "00-" + "0".repeat(32) + "-"
                + SPAN + "-01", "00-" + TRACE + "-" + "0".repeat(16) + "-01", "00-" + TRACE.toUpperCase() + "-" + SPAN
                + "-01", "00-" + TRACE + "-" + SPAN + "-01\r\nX-Injected: 1", "ff-" + TRACE + "-" + SPAN + "-01"}) {
            assertThat(TraceContext.valid(bad)).as(String.valueOf(bad)).isNull();
        }
    }

    private static dev.rebound.contracts.CloudEvent event(String id) {
        return EventJson.event(id, "/test", EventType.USAGE_SESSION, Instant.parse("2026-11-24T09:00:00Z"), "acme",
                "cus_1", new UsageSession(60L));
    }
}
