package dev.rebound.platform;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-compatible store (mongo-java-server) on an H2 file, so data survives a restart; in memory instead
 * when the system property {@code rebound.store} is {@code memory} (benchmarks: what the file backend costs).
 */
final class MongoNode implements AutoCloseable {

    private final MongoServer server;
    private final AutoCloseable backend;

    private MongoNode(MongoServer server, AutoCloseable backend) {
        this.server = server;
        this.backend = backend;
    }

    static MongoNode start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        if ("memory".equals(System.getProperty("rebound.store"))) {
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", port);
            return new MongoNode(server, () -> { });
        }
        H2Backend backend = new H2Backend(dataDir.resolve("mongo.mv").toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new MongoNode(server, backend::close);
    }

    String uri() {
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            backend.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the store failed", e);
        }
    }
}
