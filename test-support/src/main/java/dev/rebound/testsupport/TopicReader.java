package dev.rebound.testsupport;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads what landed on a topic, from the beginning, as a test would look at it. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicReader(String... topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        // assigned, not subscribed: no group join, so the first poll already returns what is there
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Everything on the topics so far: polls until a poll comes back empty, so an absence means something. */
    public List<ConsumerRecord<String, byte[]>> records() {
        var batch = consumer.poll(Duration.ofMillis(300));
        while (!batch.isEmpty()) {
            batch.forEach(seen::add);
            batch = consumer.poll(Duration.ofMillis(300));
        }
        return List.copyOf(seen);
    }

    /** Every record read so far that is a CloudEvent, in topic order. */
    public List<CloudEvent> events() {
        return records().stream().map(r -> EventJson.fromBytes(r.value())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
