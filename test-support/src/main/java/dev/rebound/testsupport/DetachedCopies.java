package dev.rebound.testsupport;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores aggregates field by field as JSON, so an in-memory test store hands out detached copies as a database
 * does: two readers of one document get two objects, and a stale one fails the store's version check.
 */
public final class DetachedCopies {

    private static final JsonMapper FIELDS = JsonMapper.builder()
            .changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                    .withVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private DetachedCopies() {
    }

    public static String store(Object aggregate) {
        return FIELDS.writeValueAsString(aggregate);
    }

    public static <T> T read(String stored, Class<T> type) {
        return FIELDS.readValue(stored, type);
    }
}
