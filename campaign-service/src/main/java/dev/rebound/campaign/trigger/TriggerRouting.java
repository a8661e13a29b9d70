package dev.rebound.campaign.trigger;

import dev.rebound.campaign.atrisk.AtRiskPlaybook;
import dev.rebound.campaign.contact.ContactRecording;
import dev.rebound.campaign.custom.CustomPlaybooks;
import dev.rebound.campaign.dormant.DormantReactivation;
import dev.rebound.campaign.features.FeatureNews;
import dev.rebound.campaign.nps.NpsFollowUp;
import dev.rebound.campaign.onboarding.OnboardingGuide;
import dev.rebound.campaign.trial.TrialPlaybook;
import dev.rebound.campaign.conversion.Attribution;
import dev.rebound.campaign.dunning.DunningPlaybook;
import dev.rebound.campaign.message.MessagePlanning;
import dev.rebound.campaign.winback.WinBackPlaybook;
import dev.rebound.contracts.CloudEvent;
import dev.rebound.contracts.Envelope;
import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.FeatureAnnouncement;
import dev.rebound.contracts.data.FeedbackNps;
import dev.rebound.contracts.data.LifecycleStage;
import dev.rebound.contracts.data.SubscriptionTrialStarted;
import dev.rebound.contracts.data.LifecycleStageChanged;
import dev.rebound.contracts.data.RecoveryPaidElsewhere;
import dev.rebound.contracts.data.RiskTierChanged;
import dev.rebound.contracts.data.RecoverySucceeded;

import dev.rebound.outbox.OutboxStore;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Reacting to one event from campaign's topics: contact events keep the contact book current (and a trial's end plans
 * its reminders), NPS responses go to the detractor follow-up, stage changes go
 * to the win-back playbook, tier changes to at-risk outreach, billing-recovery's outcomes to dunning; a customer coming back ends win-back and a payment
 * recovered ends its invoice's dunning, each credited to the message that reached them ({@link Attribution});
 * the playbooks' decisions are planned exactly once. Known types no playbook reacts to are skipped before the record
 * is parsed (most of the usage topic).
 */
public final class TriggerRouting {

    static final String PAID = "paid";
    static final String REACTIVATED = "reactivated";
    private static final Set<String> HANDLED = Set.of(EventType.CUSTOMER_SIGNED_UP.wireName(),
            EventType.CUSTOMER_UPDATED.wireName(), EventType.LIFECYCLE_STAGE_CHANGED.wireName(),
            EventType.RISK_TIER_CHANGED.wireName(), EventType.SUBSCRIPTION_TRIAL_STARTED.wireName(),
            EventType.SUBSCRIPTION_STARTED.wireName(), EventType.SUBSCRIPTION_CHANGED.wireName(),
            EventType.FEEDBACK_NPS.wireName(),
            EventType.FEATURE_REQUESTED.wireName(), EventType.FEATURE_RELEASED.wireName(),
            EventType.RECOVERY_RETRY_SCHEDULED.wireName(), EventType.RECOVERY_CARD_UPDATE_REQUESTED.wireName(),
            EventType.RECOVERY_AUTHENTICATION_REQUESTED.wireName(), EventType.RECOVERY_EXHAUSTED.wireName(),
            EventType.RECOVERY_SUCCEEDED.wireName(), EventType.RECOVERY_PAID_ELSEWHERE.wireName());

    private final ContactRecording contacts;
    private final WinBackPlaybook winBack;
    private final DunningPlaybook dunning;
    private final AtRiskPlaybook atRisk;
    private final TrialPlaybook trial;
    private final NpsFollowUp nps;
    private final OnboardingGuide onboarding;
    private final DormantReactivation dormant;
    private final FeatureNews featureNews;
    private final Attribution attribution;
    private final MessagePlanning planning;
    private final Clock clock;
    private CustomPlaybooks custom;

    public TriggerRouting(ContactRecording contacts, WinBackPlaybook winBack, DunningPlaybook dunning,
                          AtRiskPlaybook atRisk, TrialPlaybook trial, NpsFollowUp nps, OnboardingGuide onboarding,
                          DormantReactivation dormant, FeatureNews featureNews, Attribution attribution,
                          MessagePlanning planning, Clock clock) {
        this.onboarding = onboarding;
        this.dormant = dormant;
        this.featureNews = featureNews;
        this.atRisk = atRisk;
        this.trial = trial;
        this.nps = nps;
        this.contacts = contacts;
        this.winBack = winBack;
        this.dunning = dunning;
        this.attribution = attribution;
        this.planning = planning;
        this.clock = clock;
    }

    /** Also runs the tenants' own playbooks (after the shipped ones have seen the event). */
    public TriggerRouting withCustomPlaybooks(CustomPlaybooks custom) {
        this.custom = custom;
        return this;
    }

    /**
     * Handles one serialized CloudEvent; a record that is not a valid event throws (it goes to the DLQ). Returns the
     * outboxes whose events it stored, to publish now (a sweep publishes any left behind).
     */
    public List<OutboxStore.Outbox> handle(byte[] record) {
        if (skips(record)) {
            return List.of();
        }
        CloudEvent event = Envelope.read(record);
        // what playbooks are sent to and chosen by (contact details, plan, stage, tier) first: they act on it
        contacts.record(event);
        List<OutboxStore.Outbox> credited = shipped(event);
        if (custom == null) {
            return credited;
        }
        CustomPlaybooks.Reaction own = custom.on(event, clock.instant());
        own.planned().forEach(planning::plan);
        if (own.credited().isEmpty()) {
            return credited;
        }
        List<OutboxStore.Outbox> all = new java.util.ArrayList<>(credited);
        all.addAll(own.credited());
        return all;
    }

    /**
     * True for a record of a known type no playbook reacts to (most of the usage topic), told from its type alone;
     * anything else, a record that is not an event included, is handled (and refused if it is poison).
     */
    public static boolean skips(byte[] record) {
        return EventJson.ofKnownTypeOutside(record, HANDLED);
    }

    private List<OutboxStore.Outbox> shipped(CloudEvent event) {
        switch (event.eventType()) {
            case CUSTOMER_SIGNED_UP -> {
                CustomerSignedUp signedUp = EventJson.data(event, CustomerSignedUp.class);
                trial.onTrial(event.tenantid(), event.subject(), signedUp.plan(), signedUp.trialEndsAt(),
                        clock.instant()).forEach(planning::plan);
                // the activation may have been consumed first (scoring's topic runs beside the customers'): then the
                // customer needs no getting-started guide
                if (!contacts.activated(event.tenantid(), event.subject())) {
                    onboarding.onSignedUp(event.tenantid(), event.subject(), event.id(), event.time(), clock.instant())
                            .ifPresent(planning::plan);
                    if (contacts.activated(event.tenantid(), event.subject())) {
                        // the activation was consumed meanwhile (another thread), perhaps before the guide existed
                        // to be ended: end it now
                        attribution.credit(event.tenantid(), event.subject(), OnboardingGuide.PLAYBOOK, null, null,
                                OnboardingGuide.CONVERSION, event.time());
                    }
                }
            }
            case FEATURE_REQUESTED -> featureNews.onRequested(event.tenantid(), event.subject(),
                    EventJson.data(event, FeatureAnnouncement.class).feature(), clock.instant()).ifPresent(planning::plan);
            case FEATURE_RELEASED -> {
                FeatureAnnouncement release = EventJson.data(event, FeatureAnnouncement.class);
                featureNews.onReleased(event.tenantid(), release.feature(), release.description(), event.time(),
                        clock.instant()).forEach(planning::plan);
            }
            case SUBSCRIPTION_TRIAL_STARTED -> {
                SubscriptionTrialStarted started = EventJson.data(event, SubscriptionTrialStarted.class);
                trial.onTrial(event.tenantid(), event.subject(), started.plan(), started.trialEndsAt(),
                        clock.instant()).forEach(planning::plan);
            }
            case SUBSCRIPTION_STARTED -> {
                // a paying customer: the trial playbook ends, its reminder credited
                return attribution.credit(event.tenantid(), event.subject(), TrialPlaybook.PLAYBOOK, null, null,
                        TrialPlaybook.CONVERSION, event.time()).stream().toList();
            }
            case FEEDBACK_NPS -> nps.onResponse(event.tenantid(), event.subject(), event.id(),
                    EventJson.data(event, FeedbackNps.class), clock.instant()).ifPresent(planning::plan);
            case LIFECYCLE_STAGE_CHANGED -> {
                return onStageChanged(event, EventJson.data(event, LifecycleStageChanged.class));
            }
            case RISK_TIER_CHANGED -> {
                RiskTierChanged change = EventJson.data(event, RiskTierChanged.class);
                if (AtRiskPlaybook.isAtRisk(change.from()) && !AtRiskPlaybook.isAtRisk(change.to())) {
                    // out of danger: the outreach that reached the customer (or the holdout's) is credited
                    return attribution.credit(event.tenantid(), event.subject(), AtRiskPlaybook.PLAYBOOK, null, null,
                            AtRiskPlaybook.CONVERSION, event.time()).stream().toList();
                }
                atRisk.onTierChanged(event.tenantid(), event.subject(), event.id(), change, clock.instant())
                        .ifPresent(planning::plan);
            }
            case RECOVERY_RETRY_SCHEDULED, RECOVERY_CARD_UPDATE_REQUESTED, RECOVERY_AUTHENTICATION_REQUESTED,
                 RECOVERY_EXHAUSTED -> dunning.onRecovery(event.tenantid(), event.subject(),
                    EventJson.data(event, event.eventType().dataType()), clock.instant()).ifPresent(planning::plan);
            case RECOVERY_SUCCEEDED -> {
                return paid(event, EventJson.data(event, RecoverySucceeded.class).invoiceId());
            }
            case RECOVERY_PAID_ELSEWHERE -> {
                return paid(event, EventJson.data(event, RecoveryPaidElsewhere.class).invoiceId());
            }
            default -> {
                // no playbook reacts to this type yet
            }
        }
        return List.of();
    }

    /**
     * Coming back from churn ends win-back, from dormancy the reactivation, activating ends onboarding (each credited
     * to the message that reached the customer); churn starts win-back, dormancy the reactivation mail.
     */
    private List<OutboxStore.Outbox> onStageChanged(CloudEvent event, LifecycleStageChanged change) {
        String tenant = event.tenantid();
        String customer = event.subject();
        List<OutboxStore.Outbox> credited = new java.util.ArrayList<>();
        if (change.from() == LifecycleStage.CHURNED && change.to() != LifecycleStage.CHURNED) {
            attribution.credit(tenant, customer, WinBackPlaybook.PLAYBOOK, null, null, REACTIVATED,
                    change.changedAt()).ifPresent(credited::add);
        }
        if (change.from() == LifecycleStage.DORMANT && change.to() != LifecycleStage.CHURNED) {
            attribution.credit(tenant, customer, DormantReactivation.PLAYBOOK, null, null, REACTIVATED,
                    change.changedAt()).ifPresent(credited::add);
        }
        if ((change.from() == LifecycleStage.ONBOARDING || change.from() == LifecycleStage.TRIAL)
                && change.to() == LifecycleStage.ACTIVE) {
            attribution.credit(tenant, customer, OnboardingGuide.PLAYBOOK, null, null, OnboardingGuide.CONVERSION,
                    change.changedAt()).ifPresent(credited::add);
        }
        winBack.onStageChanged(tenant, customer, event.id(), change, clock.instant()).ifPresent(planning::plan);
        dormant.onStageChanged(tenant, customer, event.id(), change, clock.instant()).ifPresent(planning::plan);
        return credited;
    }

    /** A paid invoice ends its dunning; the dunning message that reached the customer is credited. */
    private List<OutboxStore.Outbox> paid(CloudEvent event, String invoiceId) {
        if (invoiceId == null || invoiceId.isBlank()) {
            return List.of();
        }
        return attribution.credit(event.tenantid(), event.subject(), DunningPlaybook.PLAYBOOK, DunningPlaybook.INVOICE,
                invoiceId, PAID, event.time()).stream().toList();
    }
}
