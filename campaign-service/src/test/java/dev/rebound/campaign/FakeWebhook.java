package dev.rebound.campaign;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A Slack-style incoming webhook over real HTTP: records what it accepts, answers 503 when told to. */
final class FakeWebhook {

    private final HttpServer server;
    private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    private FakeWebhook(HttpServer server) {
        this.server = server;
    }

    static FakeWebhook start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeWebhook hook = new FakeWebhook(server);
            server.createContext("/hooks/csm", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean fail = hook.failures.entrySet().stream()
                        .anyMatch(e -> body.contains(e.getKey()) && e.getValue().getAndDecrement() > 0);
                if (!fail) {
                    hook.accepted.add(body);
                }
                byte[] answer = (fail ? "unavailable" : "ok").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return hook;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/csm";
    }

    /** The next {@code times} alerts that mention {@code marker} get a 503. */
    void failNext(String marker, int times) {
        failures.put(marker, new AtomicInteger(times));
    }

    List<String> bodies() {
        return List.copyOf(accepted);
    }

    void stop() {
        server.stop(0);
    }
}
