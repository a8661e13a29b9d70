package dev.rebound.campaign.infra.http;

import dev.rebound.campaign.message.HmacUnsubscribe;
import dev.rebound.campaign.message.MessageStore;
import dev.rebound.campaign.contact.ContactBook;
import dev.rebound.contracts.TenantId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/customers/{id}/messages}: what was sent to (or planned for) a customer, for the product's
 * in-app inbox and for support. {@code /v1/unsubscribe}: the signed one-click link in every email.
 */
@RestController
class MessagesController {

    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}");

    private final MessageStore messages;
    private final ContactBook contacts;
    private final HmacUnsubscribe unsubscribe;
    private final java.time.Clock clock;

    MessagesController(MessageStore messages, ContactBook contacts, HmacUnsubscribe unsubscribe, java.time.Clock clock) {
        this.messages = messages;
        this.contacts = contacts;
        this.unsubscribe = unsubscribe;
        this.clock = clock;
    }

    record MessageView(String id, String playbook, String template, String channel, String status, String subject,
                       String body, String recipient, Instant plannedAt, Instant dueAt, Instant sentAt, String detail,
                       String conversion, Instant convertedAt, Instant readAt) {}

    @GetMapping("/v1/customers/{id}/messages")
    ResponseEntity<?> messages(@PathVariable String id, TenantId tenant) {
        if (!CUSTOMER_ID.matcher(id).matches()) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_customer_id", "message",
                    "a customer id is 1-128 letters, digits or ._:@/+=- and starts with a letter or digit"));
        }
        List<MessageView> views = messages.forCustomer(tenant.value(), id, 100).stream()
                .map(m -> new MessageView(m.id(), m.playbook(), m.template(), m.channel().name().toLowerCase(),
                        m.status().name(), m.subject(), m.body(), m.recipient(), m.plannedAt(), m.dueAt(), m.sentAt(),
                        m.detail(), m.conversion(), m.convertedAt(), m.readAt()))
                .toList();
        return ResponseEntity.ok(Map.of("customerId", id, "messages", views));
    }

    /** The product's in-app inbox marks a message read when the customer opens it. */
    @PostMapping("/v1/customers/{id}/messages/{messageId}/read")
    ResponseEntity<?> read(@PathVariable String id, @PathVariable String messageId, TenantId tenant) {
        if (!CUSTOMER_ID.matcher(id).matches() || !MESSAGE_ID.matcher(messageId).matches()) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_id", "message",
                    "a customer id is 1-128 letters, digits or ._:@/+=-; a message id is a UUID"));
        }
        if (!messages.markRead(tenant.value(), id, messageId, clock.instant())) {
            return ResponseEntity.status(404).body(Map.of("error", "not_found", "message",
                    "the customer has no in-app message " + messageId));
        }
        return ResponseEntity.ok(Map.of("customerId", id, "messageId", messageId, "read", true));
    }

    /** RFC 8058: mail clients POST here; a person clicking the link in the footer GETs it. */
    @PostMapping("/v1/unsubscribe")
    ResponseEntity<?> unsubscribeOneClick(@RequestParam String tenant, @RequestParam String customer,
                                          @RequestParam String sig) {
        return unsubscribeNow(tenant, customer, sig);
    }

    /**
     * A person who clicks the link (or a mail scanner that fetches it) gets a confirmation page and nothing changes;
     * only its button (a POST) unsubscribes. A bad link gets the same page whether or not the customer exists.
     */
    @GetMapping(value = "/v1/unsubscribe", produces = "text/html;charset=UTF-8")
    ResponseEntity<String> unsubscribeLink(@RequestParam String tenant, @RequestParam String customer,
                                           @RequestParam String sig) {
        if (!unsubscribe.verify(tenant, customer, sig)) {
            return ResponseEntity.badRequest().body(page("This unsubscribe link is not valid.", ""));
        }
        String action = "/v1/unsubscribe?tenant=" + url(tenant) + "&customer=" + url(customer) + "&sig=" + url(sig);
        return ResponseEntity.ok(page("Stop these emails?",
                "<form method=\"post\" action=\"" + html(action) + "\">"
                        + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                        + "<button type=\"submit\">Unsubscribe</button></form>"));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head><body><h1>"
                + html(title) + "</h1>" + body + "</body></html>";
    }

    private static String url(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String html(String value) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(value);
    }

    private ResponseEntity<?> unsubscribeNow(String tenant, String customer, String sig) {
        if (!unsubscribe.verify(tenant, customer, sig)) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_signature",
                    "message", "this unsubscribe link is not valid"));
        }
        contacts.update(tenant, customer, Map.of("emailConsent", false));
        return ResponseEntity.ok(Map.of("unsubscribed", true, "channel", "email"));
    }
}
