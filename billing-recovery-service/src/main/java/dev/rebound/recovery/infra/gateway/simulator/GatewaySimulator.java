package dev.rebound.recovery.infra.gateway.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A payment gateway that speaks the part of Stripe's HTTP API billing-recovery uses
 * ({@code POST /v1/invoices/{id}/pay}), for the embedded platform and tests. Outcomes follow Stripe's test
 * payment methods: {@code pm_card_visa} pays; {@code pm_card_chargeDeclinedInsufficientFunds},
 * {@code ..ExpiredCard}, {@code ..ProcessingError}, {@code ..Fraudulent} and {@code pm_card_chargeDeclined}
 * decline with the matching code. Idempotency keys are honoured: a repeated key replays the first answer and
 * charges nothing. {@code GET /v1/charges} lists what was charged.
 */
public final class GatewaySimulator implements AutoCloseable {

    private static final Map<String, String[]> DECLINES = Map.of(
            "pm_card_chargeDeclinedInsufficientFunds", new String[]{"insufficient_funds", null},
            "pm_card_chargeDeclinedExpiredCard", new String[]{"expired_card", null},
            "pm_card_chargeDeclinedProcessingError", new String[]{"processing_error", null},
            "pm_card_chargeDeclinedFraudulent", new String[]{"fraudulent", "do_not_try_again"},
            "pm_card_chargeDeclined", new String[]{"generic_decline", null});

    private final HttpServer server;
    private final String secretKey;
    private final Map<String, Response> byIdempotencyKey = new ConcurrentHashMap<>();
    private final List<String> charges = new CopyOnWriteArrayList<>();

    private record Response(int status, String body) {}

    public GatewaySimulator(int port, String secretKey) throws IOException {
        this.secretKey = secretKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/invoices/", this::pay);
        server.createContext("/v1/charges", this::listCharges);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Successful charges so far, as "invoiceId amount-less paymentMethod" lines. */
    public List<String> charges() {
        return List.copyOf(charges);
    }

    private void pay(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/pay")) {
                respond(exchange, new Response(404, error("invalid_request_error", "resource_missing", null, null)));
                return;
            }
            if (!("Bearer " + secretKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, new Response(401, error("invalid_request_error", "api_key_invalid", null, null)));
                return;
            }
            String invoiceId = path.substring("/v1/invoices/".length(), path.length() - "/pay".length());
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            Response response = key == null ? decide(invoiceId, form)
                    : byIdempotencyKey.computeIfAbsent(key, k -> decide(invoiceId, form));
            respond(exchange, response);
        }
    }

    private Response decide(String invoiceId, Map<String, String> form) {
        String paymentMethod = form.getOrDefault("payment_method", "pm_card_visa");
        String[] decline = DECLINES.get(paymentMethod);
        if (decline != null) {
            return new Response(402, error("card_error", "card_declined", decline[0], decline[1]));
        }
        charges.add(invoiceId + " " + paymentMethod);
        return new Response(200, "{\"id\":\"" + invoiceId + "\",\"object\":\"invoice\",\"status\":\"paid\",\"paid\":true}");
    }

    private void listCharges(HttpExchange exchange) throws IOException {
        try (exchange) {
            StringBuilder json = new StringBuilder("{\"object\":\"list\",\"data\":[");
            for (int i = 0; i < charges.size(); i++) {
                String[] parts = charges.get(i).split(" ");
                json.append(i == 0 ? "" : ",").append("{\"invoice\":\"").append(parts[0])
                        .append("\",\"payment_method\":\"").append(parts[1]).append("\"}");
            }
            respond(exchange, new Response(200, json.append("]}").toString()));
        }
    }

    private static String error(String type, String code, String declineCode, String advice) {
        return "{\"error\":{\"type\":\"" + type + "\",\"code\":\"" + code + "\""
                + (declineCode == null ? "" : ",\"decline_code\":\"" + declineCode + "\"")
                + (advice == null ? "" : ",\"network_advice_code\":\"" + advice + "\"")
                + ",\"message\":\"Your card was declined.\"}}";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, Response response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
