package dev.rebound.platform;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker + controller, one node), run in-process from the
 * Kafka server jars. Its log directory lives under the data directory, formatted on first start.
 */
final class KafkaNode implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private KafkaNode(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static KafkaNode start(Path dataDir, int port, int controllerPort) throws IOException {
        Path logDir = dataDir.resolve("kafka");
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        Path config = logDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(out, "written by the Rebound platform on each start");
        }
        format(config);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        return new KafkaNode(server, port);
    }

    /** Formats the log directory once; an already formatted directory keeps its cluster id and data. */
    private static void format(Path config) {
        if (Files.exists(config.resolveSibling("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()}, new PrintStream(output, true,
                StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
