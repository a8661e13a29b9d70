package dev.rebound.campaign.custom;

import dev.rebound.campaign.contact.Contact;
import dev.rebound.campaign.contact.ContactBook;
import dev.rebound.campaign.conversion.Attribution;
import dev.rebound.campaign.dunning.DunningPlaybook;
import dev.rebound.campaign.message.CampaignObserver;
import dev.rebound.campaign.message.MessageStore;
import dev.rebound.campaign.message.OutboundMessage;
import dev.rebound.campaign.message.PlannedMessage;
import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.CustomerUpdated;
import dev.rebound.contracts.data.FeatureAnnouncement;
import dev.rebound.contracts.data.FeedbackNps;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.LifecycleStageChanged;
import dev.rebound.contracts.data.RecoveryAuthenticationRequested;
import dev.rebound.contracts.data.RecoveryCardUpdateRequested;
import dev.rebound.contracts.data.RecoveryExhausted;
import dev.rebound.contracts.data.RecoveryRetryScheduled;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.contracts.data.RiskTier;
import dev.rebound.contracts.data.RiskTierChanged;
import dev.rebound.contracts.data.SubscriptionChanged;
import dev.rebound.contracts.data.SubscriptionTrialStarted;
import dev.rebound.outbox.OutboxStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Running the tenants' own playbooks on campaign's events: an event that triggers one of them plans each step of its
 * sequence for the customer, when the customer is in its audience (as last heard: stage, tier, value segments, plan,
 * language) and the trigger is not older than the playbook's end; an event that is one of a playbook's exits ends the
 * customer's sequence (its waiting steps skipped with why) and credits the message that reached them with that
 * conversion ({@link Attribution}). Each (playbook, customer, trigger, step) is planned once however often its event
 * arrives.
 */
public final class CustomPlaybooks {

    private final CustomPlaybookStore store;
    private final ContactBook contacts;
    private final Attribution attribution;
    private final MessageStore messages;
    private final CampaignObserver observer;

    public CustomPlaybooks(CustomPlaybookStore store, ContactBook contacts, Attribution attribution,
                           MessageStore messages, CampaignObserver observer) {
        this.store = store;
        this.contacts = contacts;
        this.attribution = attribution;
        this.messages = messages;
        this.observer = observer;
    }

    /** What the event means for the tenant's own playbooks: exits first, then the sequences it starts. */
    public Reaction on(CloudEvent event, Instant now) {
        List<CustomPlaybook> own = store.all(event.tenantid());
        if (own.isEmpty()) {
            return Reaction.NONE;
        }
        List<OutboxStore.Outbox> credited = new ArrayList<>();
        for (String exit : exits(event)) {
            for (CustomPlaybook playbook : own) {
                if (playbook.exit().contains(exit)) {
                    credited.addAll(end(event.tenantid(), event.subject(), playbook, exit, event.time()));
                }
            }
        }
        List<PlannedMessage> planned = new ArrayList<>();
        if (event.eventType() == dev.rebound.contracts.EventType.FEATURE_RELEASED) {
            announce(own, event, now, planned::add);
            return new Reaction(planned, credited);
        }
        Contact customer = null;
        for (CustomPlaybook playbook : own) {
            if (!playbook.enabled()) {
                continue;
            }
            Optional<Occasion> occasion = occasion(playbook.trigger(), event);
            if (occasion.isEmpty() || occasion.get().at().plus(playbook.end()).isBefore(now)
                    || occasion.get().notAfter() != null && now.isAfter(occasion.get().notAfter())) {
                continue;
            }
            if (customer == null) {
                customer = contacts.find(event.tenantid(), event.subject()).orElse(new Contact(event.tenantid(),
                        event.subject(), null, null, null, null, true));
            }
            Boolean in = audienceVerdict(playbook.audience(), customer, occasion.get());
            if (in == null) {
                // the customer's sign-up (or scoring's word on them) may still be on its way on another topic: the
                // steps are planned, and whether the customer is in the audience is decided when each is sent
                planned.addAll(steps(playbook, customer, undecided(occasion.get()), now));
            } else if (in) {
                planned.addAll(steps(playbook, customer, occasion.get(), now));
            }
        }
        return new Reaction(planned, credited);
    }

    /**
     * A release is news for a whole audience, not for one customer: each playbook triggered by feature_released plans
     * its steps for every contact of the tenant in its audience (read one at a time).
     */
    private void announce(List<CustomPlaybook> own, CloudEvent event, Instant now,
                          java.util.function.Consumer<PlannedMessage> plan) {
        List<CustomPlaybook> triggered = own.stream().filter(CustomPlaybook::enabled)
                .filter(p -> p.trigger().event().equals("feature_released"))
                .filter(p -> !event.time().plus(p.end()).isBefore(now)).toList();
        if (triggered.isEmpty()) {
            return;
        }
        FeatureAnnouncement release = EventJson.data(event, FeatureAnnouncement.class);
        Map<String, String> variables = new HashMap<>();
        variables.put("feature", release.feature() == null ? "" : release.feature());
        variables.put("description", release.description() == null ? "" : release.description());
        // one release, however many events announce it
        Occasion occasion = new Occasion("release:" + variables.get("feature"), event.time(), null, null, null,
                variables);
        contacts.forEachOfTenant(event.tenantid(), customer -> {
            if (customer.email() == null && customer.phone() == null) {
                return; // nobody to tell yet (known only from scoring's events)
            }
            for (CustomPlaybook playbook : triggered) {
                if (inAudience(playbook.audience(), customer, occasion)) {
                    steps(playbook, customer, occasion, now).forEach(plan);
                }
            }
        });
    }

    /** The messages to plan and the outboxes of the conversions credited, to publish. */
    public record Reaction(List<PlannedMessage> planned, List<OutboxStore.Outbox> credited) {
        static final Reaction NONE = new Reaction(List.of(), List.of());
    }

    private List<OutboxStore.Outbox> end(String tenantId, String customerId, CustomPlaybook playbook, String exit,
                                         Instant at) {
        if (exit.equals("unsubscribed")) {
            String why = "unsubscribed: " + playbook.id() + " ended";
            int skipped = messages.skipPending(tenantId, customerId, playbook.id(), null, null, why);
            for (int i = 0; i < skipped; i++) {
                observer.settled(playbook.id(), OutboundMessage.Channel.EMAIL, OutboundMessage.MessageStatus.SKIPPED,
                        why);
            }
            return List.of();
        }
        return attribution.credit(tenantId, customerId, playbook.id(), null, null, exit, at).stream().toList();
    }

    /** The exits an event is (see {@link CustomPlaybook#EXITS}). */
    static List<String> exits(CloudEvent event) {
        return switch (event.eventType()) {
            case LIFECYCLE_STAGE_CHANGED -> {
                LifecycleStageChanged change = EventJson.data(event, LifecycleStageChanged.class);
                List<String> exits = new ArrayList<>();
                boolean away = change.from() == LifecycleStage.DORMANT || change.from() == LifecycleStage.CHURNED;
                if (away && change.to() != LifecycleStage.DORMANT && change.to() != LifecycleStage.CHURNED) {
                    exits.add("came_back");
                }
                if ((change.from() == LifecycleStage.ONBOARDING || change.from() == LifecycleStage.TRIAL)
                        && change.to() == LifecycleStage.ACTIVE) {
                    exits.add("activated");
                }
                yield exits;
            }
            case RISK_TIER_CHANGED -> {
                RiskTierChanged change = EventJson.data(event, RiskTierChanged.class);
                yield atRisk(change.from()) && !atRisk(change.to()) ? List.of("risk_lowered") : List.of();
            }
            case RECOVERY_SUCCEEDED, RECOVERY_PAID_ELSEWHERE -> List.of("paid");
            case SUBSCRIPTION_STARTED -> List.of("converted");
            case SUBSCRIPTION_CHANGED -> {
                SubscriptionChanged change = EventJson.data(event, SubscriptionChanged.class);
                yield change.mrrAfter() > change.mrrBefore() ? List.of("converted") : List.of();
            }
            case CUSTOMER_UPDATED -> {
                CustomerUpdated update = EventJson.data(event, CustomerUpdated.class);
                yield update.consent() != null && Boolean.FALSE.equals(update.consent().get("email"))
                        ? List.of("unsubscribed") : List.of();
            }
            default -> List.of();
        };
    }

    /**
     * When the trigger fires for the event: a key telling this occasion apart (the message ids derive from it), the
     * time the sequence counts from, the stage or tier the trigger itself says (null: as last heard) and the fields it
     * fills.
     */
    record Occasion(String key, Instant at, String stage, String tier, List<String> segments,
                    Map<String, String> variables, Instant notAfter) {

        Occasion(String key, Instant at, String stage, String tier, List<String> segments,
                 Map<String, String> variables) {
            this(key, at, stage, tier, segments, variables, null);
        }
    }

    static Optional<Occasion> occasion(CustomPlaybook.Trigger trigger, CloudEvent event) {
        Map<String, String> variables = new HashMap<>();
        return switch (trigger.event()) {
            case "signed_up" -> event.eventType() == dev.rebound.contracts.EventType.CUSTOMER_SIGNED_UP
                    ? Optional.of(new Occasion(event.id(), event.time(), null, null, null, variables))
                    : Optional.empty();
            case "stage_changed" -> {
                if (event.eventType() != dev.rebound.contracts.EventType.LIFECYCLE_STAGE_CHANGED) {
                    yield Optional.empty();
                }
                LifecycleStageChanged change = EventJson.data(event, LifecycleStageChanged.class);
                if (change.to() == null || !change.to().name().equals(trigger.to()) || change.from() == change.to()) {
                    yield Optional.empty();
                }
                if (change.cancelReason() != null) {
                    variables.put("reason", change.cancelReason().wireName());
                }
                Instant at = change.changedAt() != null ? change.changedAt() : event.time();
                yield Optional.of(new Occasion(event.id(), at, change.to().name(), null, null, variables));
            }
            case "tier_changed" -> {
                if (event.eventType() != dev.rebound.contracts.EventType.RISK_TIER_CHANGED) {
                    yield Optional.empty();
                }
                RiskTierChanged change = EventJson.data(event, RiskTierChanged.class);
                if (change.to() == null || !change.to().name().equals(trigger.to()) || change.from() == change.to()) {
                    yield Optional.empty();
                }
                variables.put("score", String.valueOf(change.score()));
                variables.put("reasons", change.reasons().stream().map(RiskReason::detail)
                        .map(r -> "- " + r).collect(Collectors.joining("\n")));
                yield Optional.of(new Occasion(event.id(), event.time(), null, change.to().name(), change.segments(),
                        variables));
            }
            case "recovery" -> recovery(trigger.to(), event, variables);
            case "trial_ending" -> {
                Instant ends = switch (event.eventType()) {
                    case CUSTOMER_SIGNED_UP -> EventJson.data(event, CustomerSignedUp.class).trialEndsAt();
                    case SUBSCRIPTION_TRIAL_STARTED -> EventJson.data(event, SubscriptionTrialStarted.class).trialEndsAt();
                    default -> null;
                };
                if (ends == null) {
                    yield Optional.empty();
                }
                Instant at = ends.minus(trigger.before());
                variables.put("trialEnds", ends.toString().substring(0, 10));
                variables.put("daysLeft", String.valueOf(Math.max(1, (trigger.before().toSeconds() + 43_200) / 86_400)));
                // one trial, however many events announce it
                yield Optional.of(new Occasion("trial:" + ends, at, null, null, null, variables, ends));
            }
            case "nps" -> {
                if (event.eventType() != dev.rebound.contracts.EventType.FEEDBACK_NPS) {
                    yield Optional.empty();
                }
                FeedbackNps nps = EventJson.data(event, FeedbackNps.class);
                if (nps.score() > trigger.maxScore()) {
                    yield Optional.empty();
                }
                variables.put("score", String.valueOf(nps.score()));
                variables.put("comment", nps.comment() == null ? "" : nps.comment());
                yield Optional.of(new Occasion(event.id(), event.time(), null, null, null, variables));
            }
            default -> Optional.empty();
        };
    }

    private static Optional<Occasion> recovery(String to, CloudEvent event, Map<String, String> variables) {
        String invoice;
        switch (event.eventType()) {
            case RECOVERY_RETRY_SCHEDULED -> {
                RecoveryRetryScheduled d = EventJson.data(event, RecoveryRetryScheduled.class);
                invoice = d.invoiceId();
                if (d.retryAt() != null) {
                    variables.put("retryDate", d.retryAt().toString().substring(0, 10));
                }
            }
            case RECOVERY_CARD_UPDATE_REQUESTED -> invoice = EventJson.data(event, RecoveryCardUpdateRequested.class)
                    .invoiceId();
            case RECOVERY_AUTHENTICATION_REQUESTED -> invoice = EventJson.data(event,
                    RecoveryAuthenticationRequested.class).invoiceId();
            case RECOVERY_EXHAUSTED -> {
                RecoveryExhausted d = EventJson.data(event, RecoveryExhausted.class);
                invoice = d.invoiceId();
                variables.put("amount", DunningPlaybook.amount(d.amount(), d.currency()));
            }
            default -> {
                return Optional.empty();
            }
        }
        String wire = event.eventType().wireName();
        if (!wire.equals("recovery." + to)) {
            return Optional.empty();
        }
        variables.put("invoice", invoice == null ? "" : invoice);
        return Optional.of(new Occasion(event.id(), event.time(), null, null, null, variables));
    }

    /** The marker of a message whose audience is decided when it is sent, and what its trigger said. */
    static final String UNDECIDED = "_audience";

    private static Occasion undecided(Occasion occasion) {
        Map<String, String> variables = new HashMap<>(occasion.variables());
        variables.put(UNDECIDED, "undecided");
        if (occasion.stage() != null) {
            variables.put("_stage", occasion.stage());
        }
        if (occasion.tier() != null) {
            variables.put("_tier", occasion.tier());
        }
        if (occasion.segments() != null) {
            variables.put("_segments", String.join(",", occasion.segments()));
        }
        return new Occasion(occasion.key(), occasion.at(), occasion.stage(), occasion.tier(), occasion.segments(),
                variables, occasion.notAfter());
    }

    /** At send time: a message planned undecided is sent only to a customer now known to be in the audience. */
    static boolean admits(CustomPlaybook.Audience audience, Contact customer, Map<String, String> variables) {
        if (!variables.containsKey(UNDECIDED)) {
            return true;
        }
        String segments = variables.get("_segments");
        Occasion said = new Occasion("", Instant.EPOCH, variables.get("_stage"), variables.get("_tier"),
                segments == null ? null : segments.isEmpty() ? List.of() : List.of(segments.split(",")), Map.of());
        return Boolean.TRUE.equals(audienceVerdict(audience, customer, said));
    }

    /**
     * Whether the customer is in the audience: true or false when everything the audience asks about is known, null
     * when something it asks about has not been heard yet (and nothing known already rules the customer out).
     */
    static Boolean audienceVerdict(CustomPlaybook.Audience audience, Contact customer, Occasion occasion) {
        boolean heardFrom = customer.email() != null || customer.phone() != null || customer.locale() != null
                || customer.plan() != null;
        String stage = occasion.stage() != null ? occasion.stage() : customer.stage();
        String tier = occasion.tier() != null ? occasion.tier() : customer.tier();
        List<String> segments = occasion.segments() != null ? occasion.segments()
                : customer.tier() != null ? customer.segments() : null;
        String language = null;
        if (customer.locale() != null || heardFrom) {
            language = Locale.forLanguageTag(customer.languageTag().replace('_', '-')).getLanguage();
            language = language.isEmpty() ? "en" : language;
        }
        List<Boolean> checks = new ArrayList<>();
        checks.add(audience.stages().isEmpty() ? Boolean.TRUE : stage == null ? null : audience.stages().contains(stage));
        checks.add(audience.tiers().isEmpty() ? Boolean.TRUE : tier == null ? null : audience.tiers().contains(tier));
        checks.add(audience.segments().isEmpty() ? Boolean.TRUE : segments == null ? null
                : segments.stream().anyMatch(audience.segments()::contains));
        checks.add(audience.plans().isEmpty() ? Boolean.TRUE : customer.plan() == null ? null
                : audience.plans().contains(customer.plan()));
        checks.add(audience.locales().isEmpty() ? Boolean.TRUE : language == null ? null
                : audience.locales().contains(language));
        if (checks.contains(Boolean.FALSE)) {
            return false;
        }
        return checks.contains(null) ? null : true;
    }

    /** True when the customer is known to be in the audience. */
    static boolean inAudience(CustomPlaybook.Audience audience, Contact customer, Occasion occasion) {
        return Boolean.TRUE.equals(audienceVerdict(audience, customer, occasion));
    }

    static List<PlannedMessage> steps(CustomPlaybook playbook, Contact customer, Occasion occasion,
                                              Instant now) {
        List<PlannedMessage> planned = new ArrayList<>();
        Map<String, String> common = new HashMap<>(occasion.variables());
        common.put("plan", customer.plan() == null ? "" : customer.plan());
        common.put("stage", occasion.stage() != null ? occasion.stage() : nullToEmpty(customer.stage()));
        common.put("tier", occasion.tier() != null ? occasion.tier() : nullToEmpty(customer.tier()));
        Instant due = occasion.at().plus(playbook.delay());
        for (int i = 0; i < playbook.steps().size(); i++) {
            CustomPlaybook.Step step = playbook.steps().get(i);
            due = due.plus(step.delay());
            Map<String, String> variables = new HashMap<>(common);
            if (step.offer() != null) {
                variables.put("offer", step.offer());
            }
            planned.add(new PlannedMessage(customer.tenantId(), customer.customerId(), playbook.id(),
                    channel(step.channel()), occasion.key() + "#" + (i + 1), CustomPlaybook.template(i),
                    Map.copyOf(variables), due.isAfter(now) ? due : now,
                    // the sequence's hard end holds at send time too, however long a step waited
                    occasion.at().plus(playbook.end())));
        }
        return planned;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static OutboundMessage.Channel channel(String channel) {
        return OutboundMessage.Channel.valueOf(channel.toUpperCase(Locale.ROOT));
    }

    private static boolean atRisk(RiskTier tier) {
        return tier == RiskTier.HIGH || tier == RiskTier.CRITICAL;
    }
}
