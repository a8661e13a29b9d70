package dev.rebound.campaign.dunning;

import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.data.EventData;
import dev.rebound.contracts.data.RecoveryAuthenticationRequested;
import dev.rebound.contracts.data.RecoveryCardUpdateRequested;
import dev.rebound.contracts.data.RecoveryExhausted;
import dev.rebound.contracts.data.RecoveryRetryScheduled;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Dunning from billing-recovery's outcomes, sent as soon as they arrive: the first retry scheduled tells the customer
 * the payment failed and when it is tried again, a decline that needs a new card asks for one, an issuer that wants
 * the customer to authenticate asks them to, and giving up sends a final notice; an expiring card gets a pre-dunning
 * notice before anything fails. One message per invoice and step: the trigger is the invoice and the step, so a
 * second retry, or the same outcome delivered twice, plans nothing more. Dunning is service mail about money owed,
 * not marketing: it is never held back by the marketing rules. A payment recovered or made elsewhere ends the
 * invoice's dunning ({@code conversion/Attribution}).
 */
public final class DunningPlaybook {

    public static final String PLAYBOOK = "dunning";
    /** Named as billing-recovery expects: its dunning state counts messages of playbooks starting with these names. */
    public static final String PRE_DUNNING = "pre-dunning";

    /** Each outcome's step: its template and the trigger suffix that makes it once per invoice. */
    enum Step {
        PAYMENT_FAILED("dunning-payment-failed"),
        CARD_UPDATE("dunning-card-update"),
        AUTHENTICATE("dunning-authenticate"),
        FINAL_NOTICE("dunning-final-notice"),
        CARD_EXPIRING("predunning-card-expiring");

        final String template;

        Step(String template) {
            this.template = template;
        }

        String trigger(String reference) {
            return reference + ":" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** The message an outcome of billing-recovery calls for, if any; due {@code now}. */
    public Optional<PlannedMessage> onRecovery(String tenantId, String customerId, EventData outcome, Instant now) {
        Map<String, String> variables = new HashMap<>();
        Step step;
        String invoice;
        switch (outcome) {
            case RecoveryRetryScheduled d -> {
                step = Step.PAYMENT_FAILED;
                invoice = d.invoiceId();
                if (d.retryAt() != null) {
                    variables.put("retryDate", d.retryAt().toString().substring(0, 10));
                }
            }
            case RecoveryCardUpdateRequested d when d.invoiceId() == null -> {
                // no invoice yet: a card about to expire (pre-dunning), once per card
                String card = d.paymentMethodId() == null ? "card" : d.paymentMethodId();
                return Optional.of(new PlannedMessage(tenantId, customerId, PRE_DUNNING, OutboundMessage.Channel.EMAIL,
                        "card:" + Step.CARD_EXPIRING.trigger(card), Step.CARD_EXPIRING.template, Map.of(), now));
            }
            case RecoveryCardUpdateRequested d -> {
                step = Step.CARD_UPDATE;
                invoice = d.invoiceId();
            }
            case RecoveryAuthenticationRequested d -> {
                step = Step.AUTHENTICATE;
                invoice = d.invoiceId();
            }
            case RecoveryExhausted d -> {
                step = Step.FINAL_NOTICE;
                invoice = d.invoiceId();
                variables.put("amount", amount(d.amount(), d.currency()));
            }
            default -> {
                return Optional.empty();
            }
        }
        if (invoice == null || invoice.isBlank()) {
            return Optional.empty();
        }
        variables.put(INVOICE, invoice);
        return Optional.of(new PlannedMessage(tenantId, customerId, PLAYBOOK, OutboundMessage.Channel.EMAIL,
                "invoice:" + step.trigger(invoice), step.template, Map.copyOf(variables), now));
    }

    /** The variable naming the invoice a dunning message is about: how its exit finds it. */
    public static final String INVOICE = "invoice";

    /** "USD 49.00" from minor units (the currency's own number of decimals). */
    public static String amount(long minor, String currency) {
        int decimals = 2;
        String code = currency == null ? "" : currency.toUpperCase(Locale.ROOT);
        try {
            decimals = Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            // unknown code: two decimals
        }
        return (code + " " + BigDecimal.valueOf(minor, decimals).toPlainString()).trim();
    }
}
