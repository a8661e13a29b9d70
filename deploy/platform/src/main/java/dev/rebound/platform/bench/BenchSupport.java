package dev.rebound.platform.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;

/** What the benchmarks share: their report lines and a producer writing straight to the platform's topics. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** Prints a result line as it is measured and keeps it for the report's table. */
    static void add(StringBuilder report, String line) {
        System.out.print("  -> " + line);
        report.append(line);
    }

    /** An idempotent producer with acks=all, batching like a busy client. */
    static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 65536),
                new StringSerializer(), new ByteArraySerializer());
    }
}
