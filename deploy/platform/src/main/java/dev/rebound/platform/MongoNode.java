package dev.rebound.platform;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A MongoDB-wire-compatible store (mongo-java-server) on an H2 file, so data survives a restart. */
final class MongoNode implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend backend;

    private MongoNode(MongoServer server, H2Backend backend) {
        this.server = server;
        this.backend = backend;
    }

    static MongoNode start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        H2Backend backend = new H2Backend(dataDir.resolve("mongo.mv").toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new MongoNode(server, backend);
    }

    String uri() {
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }
}
