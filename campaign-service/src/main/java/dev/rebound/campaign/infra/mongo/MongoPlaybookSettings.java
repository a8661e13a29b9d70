package dev.rebound.campaign.infra.mongo;

import dev.rebound.campaign.playbook.PlaybookSettings;
import dev.rebound.campaign.playbook.PlaybookSettingsStore;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Playbook settings in {@code playbook_settings}, one document per tenant and playbook ({@code _id} a sub-document).
 * Template names and language codes are validated before they get here, so they are safe as field names. Every
 * message planned and sent reads its playbook's settings, so each is kept in memory for {@code fresh}, as the tenants'
 * own playbooks are (a change made through another instance shows within it; through this one, at once).
 */
public final class MongoPlaybookSettings implements PlaybookSettingsStore {

    static final String COLLECTION = "playbook_settings";
    private final MongoTemplate mongo;
    private final long freshNanos;

    private record Key(String tenantId, String playbook) {}

    private record Cached(long until, Optional<PlaybookSettings> settings) {}

    private final Map<Key, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public MongoPlaybookSettings(MongoTemplate mongo, Duration fresh) {
        this.mongo = mongo;
        this.freshNanos = fresh.toNanos();
    }

    @Override
    public Optional<PlaybookSettings> find(String tenantId, String playbook) {
        Key key = new Key(tenantId, playbook);
        long now = System.nanoTime();
        Cached cached = cache.get(key);
        if (cached != null && now - cached.until() < 0) {
            return cached.settings();
        }
        Optional<PlaybookSettings> settings = read(tenantId, playbook);
        cache.put(key, new Cached(now + freshNanos, settings));
        return settings;
    }

    private Optional<PlaybookSettings> read(String tenantId, String playbook) {
        Document d = mongo.findById(id(tenantId, playbook), Document.class, COLLECTION);
        if (d == null) {
            return Optional.empty();
        }
        Map<String, Map<String, String>> templates = new LinkedHashMap<>();
        Document stored = d.get("templates", Document.class);
        if (stored != null) {
            stored.forEach((name, texts) -> {
                Map<String, String> byLanguage = new LinkedHashMap<>();
                ((Document) texts).forEach((language, text) -> byLanguage.put(language, (String) text));
                templates.put(name, byLanguage);
            });
        }
        return Optional.of(new PlaybookSettings(d.getBoolean("enabled", true), Duration.parse(d.getString("delay")),
                d.getList("locales", String.class, List.of()), templates,
                d.getString("channel") != null ? d.getString("channel") : d.getBoolean("inApp", false) ? "inapp" : "email"));
    }

    @Override
    public void save(String tenantId, String playbook, PlaybookSettings settings) {
        Document templates = new Document();
        settings.templates().forEach((name, texts) -> templates.put(name, new Document(texts)));
        mongo.save(new Document("_id", id(tenantId, playbook)).append("enabled", settings.enabled())
                .append("delay", settings.delay().toString()).append("locales", settings.locales())
                .append("templates", templates).append("channel", settings.channel()), COLLECTION);
        cache.remove(new Key(tenantId, playbook));
    }

    private static Document id(String tenantId, String playbook) {
        return new Document("tenant", tenantId).append("playbook", playbook);
    }
}
