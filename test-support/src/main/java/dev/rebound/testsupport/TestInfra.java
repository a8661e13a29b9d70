package dev.rebound.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.rebound.contracts.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The infrastructure of one test JVM, started once and shared by every Spring context in it: a real Kafka
 * broker (KRaft, in-process, from the Kafka jars) and a MongoDB-wire store. When {@code MONGODB_URI} is set the
 * tests use that real MongoDB instead, each run in databases of its own.
 */
public final class TestInfra {

    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    private static EmbeddedKafkaKraftBroker kafka;
    private static MongoServer mongoServer;
    private static String mongoUri;

    private TestInfra() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            List<String> topics = new ArrayList<>();
            for (String topic : Topics.ALL) {
                topics.add(topic);
                topics.add(Topics.dlq(topic));
            }
            kafka = new EmbeddedKafkaKraftBroker(1, 2, topics.toArray(String[]::new));
            kafka.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy, "test-kafka-stop"));
        }
        return kafka.getBrokersAsString();
    }

    public static boolean realMongo() {
        String uri = System.getenv("MONGODB_URI");
        return uri != null && !uri.isBlank();
    }

    public static synchronized String mongoUri() {
        if (mongoUri == null) {
            if (realMongo()) {
                mongoUri = System.getenv("MONGODB_URI");
            } else {
                mongoServer = new MongoServer(new MemoryBackend());
                mongoServer.bind("127.0.0.1", 0);
                InetSocketAddress address = mongoServer.getLocalAddress();
                mongoUri = "mongodb://127.0.0.1:" + address.getPort();
                Runtime.getRuntime().addShutdownHook(new Thread(mongoServer::shutdownNow, "test-mongo-stop"));
            }
        }
        return mongoUri;
    }

    /** A database name unique to this test run on a real MongoDB, stable on the in-memory store. */
    public static String database(String service) {
        return realMongo() ? "rebound_test_" + service + "_" + RUN_ID : "rebound_" + service;
    }

    /** Points one service's Spring context at the shared broker and store, on a random HTTP port. */
    public static void register(DynamicPropertyRegistry registry, String service) {
        registry.add("spring.kafka.bootstrap-servers", TestInfra::kafkaBootstrapServers);
        registry.add("spring.cloud.stream.kafka.binder.brokers", TestInfra::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", TestInfra::mongoUri);
        registry.add("spring.mongodb.database", () -> database(service));
        registry.add("rebound.security.key-store.database", () -> database("tenants"));
    }

    /** The same settings as command-line arguments, for contexts started with SpringApplication.run. */
    public static List<String> arguments(String service) {
        return List.of(
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers(),
                "--spring.cloud.stream.kafka.binder.brokers=" + kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + mongoUri(),
                "--spring.mongodb.database=" + database(service),
                "--rebound.security.key-store.database=" + database("tenants"),
                "--server.port=0");
    }
}
