package dev.rebound.recovery.infra.gateway.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A payment gateway speaking Stripe's API shape for paying an invoice ({@code POST /v1/invoices/{id}/pay}), for
 * the embedded platform, tests and the recovery simulation. Stripe's test payment methods work as on Stripe
 * ({@code pm_card_visa} pays; {@code pm_card_chargeDeclinedInsufficientFunds}, {@code ..ExpiredCard},
 * {@code ..ProcessingError}, {@code ..Fraudulent} and {@code pm_card_chargeDeclined} decline); any other card
 * behaves as its {@link CardProfile} says, set with {@link #card} or {@code PUT /simulator/cards/{pm}} — by
 * decline code, card brand, network codes, days of the month with funds, or a time from which it pays.
 * Idempotency keys are honoured, durably when a journal file is given: a repeated key replays the first answer
 * and charges nothing, across restarts too. {@code GET /v1/charges} lists what was charged.
 */
public final class GatewaySimulator implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, CardProfile> STRIPE_TEST_CARDS = Map.of(
            "pm_card_visa", CardProfile.pays("visa"),
            "pm_card_mastercard", CardProfile.pays("mastercard"),
            "pm_card_chargeDeclinedInsufficientFunds", CardProfile.declines("visa", "insufficient_funds"),
            "pm_card_chargeDeclinedExpiredCard", CardProfile.declines("visa", "expired_card"),
            "pm_card_chargeDeclinedProcessingError", CardProfile.declines("visa", "processing_error"),
            "pm_card_chargeDeclinedFraudulent", new CardProfile("visa", "fraudulent", null, null, "do_not_try_again",
                    Set.of(), null),
            "pm_card_chargeDeclined", CardProfile.declines("visa", "generic_decline"));

    private final HttpServer server;
    private final String secretKey;
    private final Clock clock;
    private final Path journal;
    private final Map<String, CardProfile> cards = new ConcurrentHashMap<>(STRIPE_TEST_CARDS);
    private final Map<String, Response> byIdempotencyKey = new ConcurrentHashMap<>();
    private final List<String> charges = new CopyOnWriteArrayList<>();

    private record Response(int status, String body) {}

    public GatewaySimulator(int port, String secretKey) throws IOException {
        this(port, secretKey, Clock.systemUTC(), null);
    }

    /**
     * @param clock   the time the issuer judges by (days of the month, {@code paysFrom})
     * @param journal where answers are kept by idempotency key (null: in memory only)
     */
    public GatewaySimulator(int port, String secretKey, Clock clock, Path journal) throws IOException {
        this.secretKey = secretKey;
        this.clock = clock;
        this.journal = journal;
        load();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/invoices/", this::pay);
        server.createContext("/v1/charges", this::listCharges);
        server.createContext("/simulator/cards/", this::configureCard);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Successful charges so far, as "invoiceId paymentMethod" lines. */
    public List<String> charges() {
        return List.copyOf(charges);
    }

    /** Sets how the issuer treats a payment method. */
    public void card(String paymentMethod, CardProfile profile) {
        cards.put(paymentMethod, profile);
    }

    private void pay(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/pay")) {
                respond(exchange, new Response(404, error("invalid_request_error", "resource_missing", null)));
                return;
            }
            if (!authorized(exchange)) {
                respond(exchange, new Response(401, error("invalid_request_error", "api_key_invalid", null)));
                return;
            }
            String invoiceId = path.substring("/v1/invoices/".length(), path.length() - "/pay".length());
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            Response response = key == null ? decide(invoiceId, form)
                    : byIdempotencyKey.computeIfAbsent(key, k -> remember(k, decide(invoiceId, form)));
            respond(exchange, response);
        }
    }

    private Response decide(String invoiceId, Map<String, String> form) {
        String paymentMethod = form.getOrDefault("payment_method", "pm_card_visa");
        CardProfile card = cards.getOrDefault(paymentMethod, CardProfile.pays("visa"));
        Instant now = clock.instant();
        if (!card.paysAt(now, paymentMethod)) {
            return new Response(402, error("card_error", "card_declined", card));
        }
        charges.add(invoiceId + " " + paymentMethod);
        return new Response(200, "{\"id\":\"" + invoiceId + "\",\"object\":\"invoice\",\"status\":\"paid\",\"paid\":true}");
    }

    private void configureCard(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"PUT".equals(exchange.getRequestMethod()) || !authorized(exchange)) {
                respond(exchange, new Response(authorized(exchange) ? 405 : 401, "{}"));
                return;
            }
            String paymentMethod = exchange.getRequestURI().getPath().substring("/simulator/cards/".length());
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Set<Integer> days = new HashSet<>();
            body.path("paysOnDaysOfMonth").forEach(day -> days.add(day.asInt()));
            String paysFrom = body.path("paysFrom").asString(null);
            card(paymentMethod, new CardProfile(body.path("brand").asString("visa"), body.path("declineCode").asString(null),
                    body.path("networkDeclineCode").asString(null), body.path("networkAdviceCode").asString(null),
                    body.path("adviceCode").asString(null), days, paysFrom == null ? null : Instant.parse(paysFrom),
                    body.path("payChance").asDouble(0)));
            respond(exchange, new Response(200, "{\"paymentMethod\":\"" + paymentMethod + "\"}"));
        } catch (RuntimeException e) {
            respond(exchange, new Response(400, "{\"error\":\"bad card profile\"}"));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        return ("Bearer " + secretKey).equals(exchange.getRequestHeaders().getFirst("Authorization"));
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

    /** Keeps an answer by key in the journal before it is given, so a restart replays it. */
    private synchronized Response remember(String key, Response response) {
        if (journal != null) {
            try {
                Files.writeString(journal, key + "\t" + response.status() + "\t" + response.body() + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return response;
    }

    private void load() throws IOException {
        if (journal == null || !Files.exists(journal)) {
            return;
        }
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3) {
                byIdempotencyKey.put(parts[0], new Response(Integer.parseInt(parts[1]), parts[2]));
            }
        }
    }

    private static String error(String type, String code, CardProfile card) {
        StringBuilder json = new StringBuilder("{\"error\":{\"type\":\"" + type + "\",\"code\":\"" + code + "\"");
        if (card != null) {
            append(json, "decline_code", card.declineCode());
            append(json, "network_decline_code", card.networkDeclineCode());
            append(json, "network_advice_code", card.networkAdviceCode());
            append(json, "advice_code", card.adviceCode());
        }
        return json.append(",\"message\":\"Your card was declined.\"}}").toString();
    }

    private static void append(StringBuilder json, String name, String value) {
        if (value != null) {
            json.append(",\"").append(name).append("\":\"").append(value).append("\"");
        }
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
