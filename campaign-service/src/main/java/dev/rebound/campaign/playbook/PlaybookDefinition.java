package dev.rebound.campaign.playbook;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shipped playbook as its users see it: what triggers it, on which channel, when it ends, its templates, the fields
 * those templates may use (besides {@code name}) and sample values for previews.
 */
public record PlaybookDefinition(String id, String description, String trigger, String channel, String exit,
                                 boolean marketing, List<String> templates, Set<String> fields,
                                 Map<String, String> sample) {

    /** Every template may greet the customer by name. */
    public static final String NAME = "name";

    public boolean allows(String field) {
        return NAME.equals(field) || fields.contains(field);
    }
}
