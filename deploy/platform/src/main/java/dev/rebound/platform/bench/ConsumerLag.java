package dev.rebound.platform.bench;

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

    /** Records the groups have not yet committed, summed over their partitions. */
    long of(List<String> groups) throws Exception {
        long lag = 0;
        for (String group : groups) {
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            var latest = admin.listOffsets(committed.keySet().stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    lag += latest.get(entry.getKey()).offset() - entry.getValue().offset();
                }
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
