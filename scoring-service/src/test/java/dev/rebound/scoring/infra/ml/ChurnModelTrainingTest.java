package dev.rebound.scoring.infra.ml;

import dev.rebound.contracts.EventJson;
import dev.rebound.contracts.EventType;
import dev.rebound.contracts.data.CancelReason;
import dev.rebound.contracts.data.CustomerSignedUp;
import dev.rebound.contracts.data.CustomerUpdated;
import dev.rebound.contracts.data.EventData;
import dev.rebound.contracts.data.SubscriptionCancelled;
import dev.rebound.contracts.data.UsageSession;
import dev.rebound.scoring.Updatings;
import dev.rebound.contracts.data.RiskReason;
import dev.rebound.scoring.modeling.ChurnFeatures;
import dev.rebound.scoring.modeling.ChurnModel;
import dev.rebound.scoring.modeling.ChurnModelBook;
import dev.rebound.scoring.updating.ScoringObserver;
import dev.rebound.scoring.updating.Watermarks;
import dev.rebound.scoring.modeling.ChurnModels;
import dev.rebound.scoring.modeling.ModelTraining;
import dev.rebound.scoring.profile.CustomerProfile;
import dev.rebound.scoring.profile.ProfileStore;
import dev.rebound.scoring.tuning.Tuning;
import dev.rebound.scoring.tuning.TuningBook;
import dev.rebound.scoring.updating.ProfileUpdating;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The churn model on simulated cohorts driven through profile updating: with a known signal it ranks held-out
 * customers better than the weighted score and than chance; with no signal at all it cannot tell churners from the
 * rest, which it could if the cancellation itself leaked into its features.
 */
class ChurnModelTrainingTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(150));

    private final Profiles store = new Profiles();
    private final ProfileUpdating updating = Updatings.of(store);
    private final TribuoChurnTrainer trainer = new TribuoChurnTrainer();
    private final ModelTraining training = new ModelTraining(store, TuningBook.fixed(Tuning.defaults()), trainer,
            Clock.fixed(END.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    private int sequence;

    @Test
    void withAKnownSignalTheModelBeatsTheWeightsAndChance() {
        Random random = new Random(7);
        for (int i = 0; i < 700; i++) {
            boolean monthly = random.nextDouble() < 0.5;
            boolean churns = random.nextDouble() < (monthly ? 0.55 : 0.1);
            // the weights see a collapse of activity, but only some churners show it; the contract they cannot see
            boolean collapses = churns && random.nextDouble() < 0.4;
            Instant cancelAt = churns ? END.minus(Duration.ofDays(random.nextInt(40))) : null;
            customer("cus_" + i, monthly ? "monthly" : "annual", random, cancelAt, collapses);
        }
        ModelTraining.Trained trained = (ModelTraining.Trained) training.train("acme");
        ChurnModel.Report report = trained.model().report();
        double chance = randomRankingAuc(trained.model());
        System.out.printf("churn model on a simulated cohort: AUC %.3f, weights %.3f, random %.3f (%d churned, %d stayed)%n",
                report.auc(), report.weightsAuc(), chance, report.churned(), report.stayed());

        assertThat(report.auc()).isGreaterThan(report.weightsAuc()).isGreaterThan(chance + 0.15);
        assertThat(report.active()).isTrue();
        assertThat(trained.model().features()).contains("attr.contract=monthly", "activity_30d")
                .noneMatch(f -> f.contains("stage") || f.contains("reason") || f.contains("cancelled"));
        assertThat(store.active("acme")).isPresent();
    }

    @Test
    void anActiveModelBlendsIntoTheScoreWithItsTopInputsAsNamedReasons() {
        Random random = new Random(7);
        for (int i = 0; i < 700; i++) {
            boolean monthly = random.nextDouble() < 0.5;
            boolean churns = random.nextDouble() < (monthly ? 0.55 : 0.1);
            customer("cus_" + i, monthly ? "monthly" : "annual", random,
                    churns ? END.minus(Duration.ofDays(random.nextInt(40))) : null, false);
        }
        ChurnModel model = ((ModelTraining.Trained) training.train("acme")).model();
        assertThat(model.report().active()).isTrue();
        ProfileUpdating withModel = new ProfileUpdating(store, TuningBook.fixed(Tuning.defaults()),
                new ChurnModelBook(store, Clock.systemUTC(), Duration.ofMinutes(1)), 0.5,
                new Updatings.InMemorySeenEvents(), Watermarks.WALL_CLOCK, Clock.systemUTC(), ScoringObserver.NONE);

        withModel.apply(EventJson.event("m1", "/sim", EventType.CUSTOMER_SIGNED_UP, END, "acme", "cus_new",
                new CustomerSignedUp("pro", 4900, "USD", null, null, null, null)));
        withModel.apply(EventJson.event("m2", "/sim", EventType.CUSTOMER_UPDATED, END.plusSeconds(1), "acme", "cus_new",
                new CustomerUpdated(null, null, null, null, Map.of("contract", "monthly"), null)));
        CustomerProfile p = store.find("acme", "cus_new").orElseThrow();

        double probability = model.probability(ChurnFeatures.of(p, p.lastEventAt(), Tuning.defaults()));
        int weightsScore = Tuning.defaults().scorer().assess(p, p.lastEventAt()).score();
        assertThat(p.riskScore()).isEqualTo((int) Math.round(0.5 * weightsScore + 0.5 * 100 * probability));
        assertThat(p.riskReasons()).anySatisfy(r -> {
            assertThat(r.signal()).isEqualTo("model:attr.contract=monthly");
            assertThat(r.detail()).startsWith("churn model: contract is monthly");
        });
        assertThat(p.riskReasons().stream().mapToDouble(RiskReason::contribution).sum())
                .as("the reasons add up to the score").isCloseTo(p.riskScore(), org.assertj.core.data.Offset.offset(1.5));
    }

    @Test
    void withNoSignalTheModelCannotTellChurnersWhichItCouldIfTheCancellationLeaked() {
        Random random = new Random(11);
        for (int i = 0; i < 600; i++) {
            customer("cus_" + i, random.nextBoolean() ? "monthly" : "annual", random,
                    random.nextDouble() < 0.3 ? END : null, false);
        }
        ChurnModel.Report report = ((ModelTraining.Trained) training.train("acme")).model().report();
        System.out.printf("churn model with no signal: AUC %.3f%n", report.auc());
        assertThat(report.auc()).isBetween(0.3, 0.65);
    }

    @Test
    void tooFewChurnersAreReportedWithTheCounts() {
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            customer("cus_" + i, "annual", random, i < 5 ? END : null, false);
        }
        assertThat(training.train("acme")).isEqualTo(new ModelTraining.TooFewCustomers(5, 35,
                ModelTraining.MIN_CHURNED, ModelTraining.MIN_STAYED));
        assertThat(store.latest("acme")).isEmpty();
    }

    private double randomRankingAuc(ChurnModel model) {
        Random random = new Random(1);
        List<Boolean> outcomes = new ArrayList<>();
        store.forEachCustomer("acme", p -> outcomes.add(p.featuresBeforeCancel() != null));
        boolean[] churned = new boolean[outcomes.size()];
        double[] scores = new double[outcomes.size()];
        for (int i = 0; i < churned.length; i++) {
            churned[i] = outcomes.get(i);
            scores[i] = random.nextDouble();
        }
        return trainer.auc(churned, scores);
    }

    /** Sign-up, a contract attribute, sessions every day or two until the end or the cancellation. */
    private void customer(String id, String contract, Random random, Instant cancelAt, boolean collapses) {
        Instant signup = START.plus(Duration.ofDays(random.nextInt(60)));
        send(id, EventType.CUSTOMER_SIGNED_UP, signup, new CustomerSignedUp("pro", 4900, "USD", null, null, null, null));
        send(id, EventType.CUSTOMER_UPDATED, signup.plusSeconds(60),
                new CustomerUpdated(null, null, null, null, Map.of("contract", contract), null));
        Instant until = cancelAt != null ? cancelAt : END;
        Instant quietFrom = collapses ? until.minus(Duration.ofDays(21)) : until;
        double perDay = 0.4 + random.nextDouble() * 0.6;
        for (Instant day = signup.plus(Duration.ofDays(1)); day.isBefore(until); day = day.plus(Duration.ofDays(1))) {
            if (day.isBefore(quietFrom) && random.nextDouble() < perDay) {
                send(id, EventType.USAGE_SESSION, day.plusSeconds(random.nextInt(36_000)), new UsageSession(300L));
            }
        }
        if (cancelAt != null) {
            send(id, EventType.SUBSCRIPTION_CANCELLED, cancelAt, new SubscriptionCancelled(CancelReason.OTHER, null,
                    true, null));
        }
    }

    private void send(String customer, EventType type, Instant at, EventData data) {
        updating.apply(EventJson.event("e" + (++sequence), "/sim", type, at, "acme", customer, data));
    }

    /** Profiles and models in memory (the profiles not copied: one writer). */
    static final class Profiles implements ProfileStore, ChurnModels {
        private final Map<String, CustomerProfile> profiles = new TreeMap<>();
        private ChurnModel latest;
        private ChurnModel active;

        @Override
        public Optional<CustomerProfile> find(String tenantId, String customerId) {
            return Optional.ofNullable(profiles.get(CustomerProfile.idOf(tenantId, customerId)));
        }

        @Override
        public void save(CustomerProfile profile) {
            profile.storedAs(profile.version() + 1);
            profiles.put(profile.id(), profile);
        }

        @Override
        public Optional<ChurnModel> active(String tenantId) {
            return Optional.ofNullable(active);
        }

        @Override
        public Optional<ChurnModel> latest(String tenantId) {
            return Optional.ofNullable(latest);
        }

        @Override
        public void save(ChurnModel model) {
            latest = model;
            if (model.report().active()) {
                active = model;
            }
        }

        @Override
        public void forEachCustomer(String tenantId, Consumer<CustomerProfile> customer) {
            profiles.values().stream().filter(p -> p.tenantId().equals(tenantId)).forEach(customer);
        }

        @Override
        public List<String> tenants() {
            return profiles.values().stream().map(CustomerProfile::tenantId).distinct().toList();
        }
    }
}
