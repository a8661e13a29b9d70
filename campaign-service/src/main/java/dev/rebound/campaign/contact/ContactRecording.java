package dev.rebound.campaign.contact;

import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.CustomerUpdated;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeping the contact book current from customer.signed_up and customer.updated, and what playbook audiences are chosen
 * by (plan, stage, tier, value segments) from the subscription and scoring events.
 */
public final class ContactRecording {

    private final ContactBook book;

    public ContactRecording(ContactBook book) {
        this.book = book;
    }

    /** True once scoring said the customer is past onboarding (any stage but ONBOARDING and TRIAL). */
    public boolean activated(String tenantId, String customerId) {
        return book.find(tenantId, customerId).map(Contact::stage)
                .filter(stage -> !stage.equals("ONBOARDING") && !stage.equals("TRIAL")).isPresent();
    }

    public void record(CloudEvent event) {
        Map<String, Object> fields = new HashMap<>();
        switch (event.eventType()) {
            case CUSTOMER_SIGNED_UP -> {
                CustomerSignedUp d = EventJson.data(event, CustomerSignedUp.class);
                putIfPresent(fields, "email", d.email());
                putIfPresent(fields, "locale", d.locale());
                putIfPresent(fields, "timezone", d.timezone());
                putIfPresent(fields, "phone", d.phone());
                putIfPresent(fields, "plan", d.plan());
            }
            case SUBSCRIPTION_STARTED -> putIfPresent(fields, "plan",
                    EventJson.data(event, dev.rebound.contracts.data.SubscriptionStarted.class).plan());
            case SUBSCRIPTION_CHANGED -> putIfPresent(fields, "plan",
                    EventJson.data(event, dev.rebound.contracts.data.SubscriptionChanged.class).toPlan());
            case LIFECYCLE_STAGE_CHANGED -> {
                var change = EventJson.data(event, dev.rebound.contracts.data.LifecycleStageChanged.class);
                if (change.to() != null) {
                    book.updateIfNewer(event.tenantid(), event.subject(), "stageAt",
                            change.changedAt() != null ? change.changedAt() : event.time(),
                            Map.of("stage", change.to().name()));
                }
                return;
            }
            case RISK_TIER_CHANGED -> {
                var change = EventJson.data(event, dev.rebound.contracts.data.RiskTierChanged.class);
                if (change.to() != null) {
                    book.updateIfNewer(event.tenantid(), event.subject(), "tierAt", event.time(),
                            Map.of("tier", change.to().name(), "segments", change.segments()));
                }
                return;
            }
            case CUSTOMER_UPDATED -> {
                CustomerUpdated d = EventJson.data(event, CustomerUpdated.class);
                putIfPresent(fields, "email", d.email());
                putIfPresent(fields, "name", d.name());
                putIfPresent(fields, "locale", d.locale());
                putIfPresent(fields, "timezone", d.timezone());
                putIfPresent(fields, "phone", d.phone());
                if (d.consent() != null && d.consent().get("email") != null) {
                    fields.put("emailConsent", d.consent().get("email"));
                }
                if (d.consent() != null && d.consent().get("sms") != null) {
                    fields.put("smsConsent", d.consent().get("sms"));
                }
            }
            default -> {
                return;
            }
        }
        if (!fields.isEmpty()) {
            book.update(event.tenantid(), event.subject(), fields);
        }
    }

    private static void putIfPresent(Map<String, Object> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
