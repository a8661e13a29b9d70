package dev.rebound.campaign.onboarding;

import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Time to value: a new customer who has not activated {@code after} signing up (scoring still has them in
 * ONBOARDING, or TRIAL, without the tenant's key features) gets a getting-started guide. It is planned at sign-up,
 * due {@code after} it; activation (scoring's ONBOARDING or TRIAL → ACTIVE) ends the playbook before it goes out
 * (conversion {@code activated} when it had). A sign-up older than {@code window} plans nothing.
 */
public final class OnboardingGuide {

    public static final String PLAYBOOK = "onboarding";
    public static final String CONVERSION = "activated";

    private final Duration after;
    private final Duration window;

    public OnboardingGuide(Duration after, Duration window) {
        this.after = after;
        this.window = window;
    }

    public Optional<PlannedMessage> onSignedUp(String tenantId, String customerId, String triggerId,
                                               Instant signedUpAt, Instant now) {
        if (signedUpAt.plus(after).plus(window).isBefore(now)) {
            return Optional.empty();
        }
        Instant due = signedUpAt.plus(after);
        return Optional.of(new PlannedMessage(tenantId, customerId, PLAYBOOK, OutboundMessage.Channel.EMAIL,
                "signup:" + triggerId, "onboarding-guide", Map.of(), due.isAfter(now) ? due : now,
                due.plus(window)));
    }
}
