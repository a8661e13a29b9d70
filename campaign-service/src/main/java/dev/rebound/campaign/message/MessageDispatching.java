package dev.rebound.campaign.message;

import dev.rebound.campaign.contact.Contact;
import dev.rebound.campaign.contact.ContactBook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.rebound.campaign.message.OutboundMessage.MessageStatus.*;

/**
 * Sending what is due: claim a message, check consent and address, render it in the customer's language,
 * hand it to the channel, record the outcome. A message whose contact is not known yet waits up to
 * {@code contactWait} (the contact event may still be on its way) and is then skipped, visibly.
 */
public final class MessageDispatching {

    private static final Duration CONTACT_RETRY = Duration.ofSeconds(2);

    private final MessageStore store;
    private final ContactBook contacts;
    private final Templates templates;
    private final EmailChannel email;
    private final Unsubscribe unsubscribe;
    private final Clock clock;
    private final Duration lease;
    private final Duration contactWait;

    public MessageDispatching(MessageStore store, ContactBook contacts, Templates templates, EmailChannel email,
                              Unsubscribe unsubscribe, Clock clock, Duration lease, Duration contactWait) {
        this.store = store;
        this.contacts = contacts;
        this.templates = templates;
        this.email = email;
        this.unsubscribe = unsubscribe;
        this.clock = clock;
        this.lease = lease;
        this.contactWait = contactWait;
    }

    /** Sends every message due now; returns how many were settled (sent, suppressed or skipped). */
    public int dispatchDue() {
        int settled = 0;
        Optional<OutboundMessage> next;
        while ((next = store.claimDue(clock.instant(), lease)).isPresent()) {
            if (dispatch(next.get())) {
                settled++;
            }
        }
        return settled;
    }

    private boolean dispatch(OutboundMessage message) {
        Instant now = clock.instant();
        Optional<Contact> contact = contacts.find(message.tenantId(), message.customerId());
        if (message.channel() == OutboundMessage.Channel.INAPP) {
            Templates.Rendered rendered = render(message, contact.map(Contact::languageTag).orElse("en"), contact);
            store.complete(settle(message, SENT, null, rendered, now, "in-app inbox"));
            return true;
        }
        if (contact.isEmpty() || contact.get().email() == null) {
            if (now.isAfter(message.plannedAt().plus(contactWait))) {
                store.complete(settle(message, SKIPPED, null, null, now, "no email address known"));
                return true;
            }
            // the contact event may still be on its way (another topic): look again shortly
            store.retryAt(message.id(), now.plus(CONTACT_RETRY));
            return false;
        }
        Contact to = contact.get();
        if (!to.emailConsent()) {
            store.complete(settle(message, SUPPRESSED, to.email(), null, now, "no consent for email"));
            return true;
        }
        Templates.Rendered rendered = render(message, to.languageTag(), contact);
        email.send(new EmailChannel.Email(message.id(), to.email(), rendered.subject(), rendered.body(),
                unsubscribe.linkFor(message.tenantId(), message.customerId())));
        store.complete(settle(message, SENT, to.email(), rendered, now, null));
        return true;
    }

    private Templates.Rendered render(OutboundMessage message, String locale, Optional<Contact> contact) {
        Map<String, String> variables = new HashMap<>(message.variables());
        variables.put("name", contact.map(Contact::name).filter(n -> !n.isBlank()).orElse(""));
        return templates.render(message.template(), locale, variables);
    }

    private static OutboundMessage settle(OutboundMessage m, OutboundMessage.MessageStatus status, String recipient,
                                          Templates.Rendered rendered, Instant at, String detail) {
        return new OutboundMessage(m.id(), m.tenantId(), m.customerId(), m.playbook(), m.channel(), m.trigger(),
                m.template(), m.variables(), m.plannedAt(), m.dueAt(), status, recipient,
                rendered == null ? null : rendered.subject(), rendered == null ? null : rendered.body(),
                status == SENT ? at : null, detail, false);
    }
}
