package dev.rebound.ingestion;

import dev.rebound.contracts.Topics;
import dev.rebound.ingestion.intake.DedupWindow;
import dev.rebound.testsupport.TestInfra;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker of its own that the test stops in the middle of a batch: the request must not be acknowledged,
 * the dedup window must not remember any of its events (so the client's retry publishes them), and once
 * Kafka keeps failing the circuit breaker opens and requests get 503 with Retry-After.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ingestion", "rebound.security.api-keys[0].tenant=acme",
                "rebound.security.api-keys[0].sha256=5257f155c20c7f2589fbb912e22375a79a04a70ecb2f706009f1a7b4f4266752", // rb_outage
                "rebound.ingestion.publish-timeout=3s",
                "spring.kafka.producer.properties.max.block.ms=1000",
                "spring.kafka.producer.properties.request.timeout.ms=1000",
                "spring.kafka.producer.properties.delivery.timeout.ms=2000",
                "spring.kafka.producer.properties.interceptor.classes=dev.rebound.ingestion.KafkaOutageIntegrationTest$StopBrokerMidBatch"})
class KafkaOutageIntegrationTest {

    private static final EmbeddedKafkaKraftBroker BROKER = startBroker();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    DedupWindow dedup;
    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @TestConfiguration
    static class FastClose {
        /** The broker is gone when the context closes: don't wait 30 s for the producer. */
        @Bean
        DefaultKafkaProducerFactoryCustomizer quickClose() {
            return factory -> factory.setPhysicalCloseTimeout(1);
        }
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", BROKER::getBrokersAsString);
        registry.add("spring.cloud.stream.kafka.binder.brokers", BROKER::getBrokersAsString);
        registry.add("spring.mongodb.uri", TestInfra::mongoUri);
        registry.add("spring.mongodb.database", () -> TestInfra.database("ingestion_outage"));
    }

    @AfterAll
    static void stop() {
        BROKER.destroy();
    }

    @Test
    void aBrokerStoppedMidBatchAcknowledgesNothingAndTheBreakerOpens() throws Exception {
        assertThat(post(batch("warm", 1)).statusCode()).isEqualTo(202);

        StopBrokerMidBatch.stopAtRecord(250);
        String prefix = "mid-" + UUID.randomUUID();
        HttpResponse<String> midBatch = post(batch(prefix, 500));
        assertThat(midBatch.statusCode()).isEqualTo(503);
        assertThat(midBatch.headers().firstValue("Retry-After")).contains("5");
        assertThat(midBatch.body()).contains("nothing was accepted");
        List<String> batchKeys = java.util.stream.IntStream.range(0, 500).mapToObj(i -> "/outage " + prefix + "-" + i).toList();
        assertThat(dedup.seen("acme", batchKeys, java.time.Instant.now()))
                .as("a retry of the batch must not be swallowed as a duplicate").isEmpty();
        assertThat(mongo.count(new Query(), "dedup")).as("only the warm-up request was remembered").isEqualTo(1);

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> next = post(batch("after-" + i + "-" + UUID.randomUUID(), 1));
            assertThat(next.statusCode()).isEqualTo(503);
            assertThat(next.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(circuitBreakers.circuitBreaker("kafka").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                .header("Authorization", "Bearer rb_outage").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String batch(String prefix, int size) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add("{\"specversion\":\"1.0\",\"id\":\"" + prefix + "-" + i + "\",\"source\":\"/outage\","
                    + "\"type\":\"usage.session\",\"subject\":\"cus_" + i + "\",\"data\":{\"durationSeconds\":1}}");
        }
        return "[" + String.join(",", events) + "]";
    }

    private static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.USAGE, Topics.BILLING);
        broker.afterPropertiesSet();
        return broker;
    }

    /** Stops the broker when the armed record is handed to the producer, in the middle of a batch; earlier records may already be acknowledged. */
    public static final class StopBrokerMidBatch implements ProducerInterceptor<Object, Object> {
        private static final AtomicInteger countdown = new AtomicInteger(-1);

        static void stopAtRecord(int n) {
            countdown.set(n);
        }

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            if (countdown.get() > 0 && countdown.decrementAndGet() == 0) {
                BROKER.destroy(); // synchronously: the rest of the batch meets a stopped broker
            }
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
