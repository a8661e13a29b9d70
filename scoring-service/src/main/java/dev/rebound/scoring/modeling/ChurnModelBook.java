package dev.rebound.scoring.modeling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Each tenant's active model, read again after {@code refresh} so a model trained on another instance applies here. */
public final class ChurnModelBook {

    private record Entry(Optional<ChurnModel> model, Instant until) {}

    private final ChurnModels models;
    private final Clock clock;
    private final Duration refresh;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public ChurnModelBook(ChurnModels models, Clock clock, Duration refresh) {
        this.models = models;
        this.clock = clock;
        this.refresh = refresh;
    }

    public Optional<ChurnModel> activeFor(String tenantId) {
        Instant now = clock.instant();
        Entry entry = cache.get(tenantId);
        if (entry == null || now.isAfter(entry.until())) {
            entry = new Entry(models.active(tenantId), now.plus(refresh));
            cache.put(tenantId, entry);
        }
        return entry.model();
    }

    /** A model just trained here applies at once. */
    public void trained(ChurnModel model) {
        if (model.report().active()) {
            cache.put(model.tenantId(), new Entry(Optional.of(model), clock.instant().plus(refresh)));
        }
    }

    /** No models: the weights alone score. */
    public static ChurnModelBook none() {
        return new ChurnModelBook(new ChurnModels() {
            @Override public Optional<ChurnModel> active(String tenantId) { return Optional.empty(); }
            @Override public Optional<ChurnModel> latest(String tenantId) { return Optional.empty(); }
            @Override public void save(ChurnModel model) { }
            @Override public void forEachCustomer(String t, java.util.function.Consumer<dev.rebound.scoring.profile.CustomerProfile> c) { }
            @Override public java.util.List<String> tenants() { return java.util.List.of(); }
        }, Clock.systemUTC(), Duration.ofDays(365));
    }
}
