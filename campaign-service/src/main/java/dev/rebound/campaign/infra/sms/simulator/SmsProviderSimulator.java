package dev.rebound.campaign.infra.sms.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS provider speaking Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}), for the
 * embedded platform and tests: checks the basic auth and the numbers as Twilio does (401; 400 with Twilio's error
 * code 21211 for a {@code To} that is not E.164), answers 201 with the message resource, and keeps what it
 * "delivered" ({@code GET /simulator/messages}). {@link #down} makes it answer 503, as a provider outage would.
 */
public final class SmsProviderSimulator implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** A text the simulator took. */
    public record Text(String sid, String to, String from, String body, String traceparent, Instant at) {}

    private final HttpServer server;
    private final String accountSid;
    private final String authToken;
    private final List<Text> texts = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    public SmsProviderSimulator(int port, String accountSid, String authToken) throws IOException {
        this.accountSid = accountSid;
        this.authToken = authToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Text> texts() {
        return List.copyOf(texts);
    }

    /** While down, every call answers 503. */
    public void down(boolean down) {
        this.down = down;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals("/simulator/messages")) {
                answer(exchange, 200, Map.of("messages", texts));
                return;
            }
            Matcher messages = MESSAGES.matcher(path);
            if (!exchange.getRequestMethod().equals("POST") || !messages.matches()) {
                answer(exchange, 404, twilioError(20404, 404, "The requested resource was not found"));
                return;
            }
            if (down) {
                answer(exchange, 503, twilioError(20503, 503, "Service unavailable"));
                return;
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                    .getBytes(StandardCharsets.UTF_8));
            if (!messages.group(1).equals(accountSid) || !expected.equals(exchange.getRequestHeaders()
                    .getFirst("Authorization"))) {
                answer(exchange, 401, twilioError(20003, 401, "Authenticate"));
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String to = form.getOrDefault("To", "");
            if (!E164.matcher(to).matches()) {
                answer(exchange, 400, twilioError(21211, 400, "The 'To' number " + to + " is not a valid phone number."));
                return;
            }
            String body = form.getOrDefault("Body", "");
            if (body.isEmpty() || body.length() > 1_600) {
                answer(exchange, 400, twilioError(21617, 400, "The concatenated message body exceeds the 1600 character limit."));
                return;
            }
            Text text = new Text("SM" + UUID.randomUUID().toString().replace("-", ""), to, form.get("From"), body,
                    exchange.getRequestHeaders().getFirst("traceparent"), Instant.now());
            texts.add(text);
            Map<String, Object> resource = new HashMap<>();
            resource.put("sid", text.sid());
            resource.put("account_sid", accountSid);
            resource.put("to", to);
            resource.put("from", text.from());
            resource.put("body", body);
            resource.put("status", "queued");
            answer(exchange, 201, resource);
        }
    }

    private static Map<String, Object> twilioError(int code, int status, String message) {
        return Map.of("code", code, "message", message, "status", status);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** For tests: the texts sent to one number. */
    public List<Text> textsTo(String number) {
        List<Text> to = new ArrayList<>();
        texts.forEach(t -> {
            if (t.to().equals(number)) {
                to.add(t);
            }
        });
        return to;
    }
}
