package dev.rebound.campaign.infra.template;

import dev.rebound.campaign.message.Templates;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mustache templates at {@code templates/<name>.<language>.mustache}; the first line is
 * {@code Subject: ...}, the rest is the body. Missing languages fall back to English.
 */
public final class MustacheTemplates implements Templates {

    private static final String SUBJECT = "Subject:";
    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true).defaultValue("");
    private final Map<String, Template> cache = new ConcurrentHashMap<>();

    @Override
    public Rendered render(String template, String locale, Map<String, String> variables) {
        String language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return split(template, compiled(template, language).execute(variables));
    }

    @Override
    public Rendered renderText(String text, Map<String, String> variables) {
        return split("(tenant's own)", compiler.compile(text).execute(variables));
    }

    @Override
    public Set<String> fieldsOf(String text) {
        Set<String> fields = new TreeSet<>();
        try {
            compiler.compile(text).visit(new Mustache.Visitor() {
                @Override
                public void visitText(String text) {
                }

                @Override
                public void visitVariable(String name) {
                    fields.add(name);
                }

                @Override
                public boolean visitInclude(String name) {
                    throw new IllegalArgumentException("partials ({{> " + name + "}}) are not available");
                }

                @Override
                public boolean visitSection(String name) {
                    fields.add(name);
                    return true;
                }

                @Override
                public boolean visitInvertedSection(String name) {
                    fields.add(name);
                    return true;
                }
            });
        } catch (MustacheException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return fields;
    }

    private static Rendered split(String template, String text) {
        int newline = text.indexOf('\n');
        if (!text.startsWith(SUBJECT) || newline < 0) {
            throw new IllegalStateException("template " + template + " must start with a 'Subject:' line");
        }
        return new Rendered(text.substring(SUBJECT.length(), newline).trim(), text.substring(newline + 1).strip());
    }

    private Template compiled(String template, String language) {
        return cache.computeIfAbsent(template + "." + language, key -> {
            InputStream in = resource(template, language);
            if (in == null) {
                in = resource(template, "en");
            }
            if (in == null) {
                throw new IllegalArgumentException("no template " + template);
            }
            try (InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return compiler.compile(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static InputStream resource(String template, String language) {
        return MustacheTemplates.class.getResourceAsStream("/templates/" + template + "." + language + ".mustache");
    }
}
