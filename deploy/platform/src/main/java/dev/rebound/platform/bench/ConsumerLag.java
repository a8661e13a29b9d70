package dev.rebound.platform.bench;

import dev.rebound.contracts.Topics;
import org.apache.kafka.common.TopicPartition;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The platform's consumer groups' lag (records not yet consumed), read from the broker. */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** What each of the platform's groups consumes (as in each service's yaml). */
    private static final Map<String, List<String>> TOPICS = Map.of(
            "scoring", List.of(Topics.USAGE, Topics.BILLING, Topics.RECOVERY, Topics.CAMPAIGN),
            "campaign", List.of(Topics.USAGE, Topics.RISK, Topics.RECOVERY),
            "billing-recovery", List.of(Topics.BILLING, Topics.USAGE, Topics.CAMPAIGN));

    /**
     * Records the groups have not yet committed, summed over the partitions of the topics they consume; a partition
     * a group has committed nothing on yet counts from its start (a group that has not begun is not idle).
     */
    long of(List<String> groups) throws Exception {
        long lag = 0;
        for (String group : groups) {
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            java.util.Set<TopicPartition> partitions = new java.util.HashSet<>(committed.keySet());
            List<String> topics = TOPICS.getOrDefault(group, List.of());
            if (!topics.isEmpty()) {
                admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
                        .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            }
            var latest = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            for (TopicPartition tp : partitions) {
                var offset = committed.get(tp);
                lag += latest.get(tp).offset() - (offset == null ? 0 : offset.offset());
            }
        }
        return lag;
    }

    /** Waits until the groups have consumed everything; returns the seconds waited. */
    double awaitIdle(List<String> groups, long pollMillis) throws Exception {
        long started = System.nanoTime();
        while (of(groups) > 0) {
            TimeUnit.MILLISECONDS.sleep(pollMillis); // polling the consumer lag of the platform under test
        }
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public void close() {
        admin.close();
    }
}
