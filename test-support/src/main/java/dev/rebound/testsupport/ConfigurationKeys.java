package dev.rebound.testsupport;

import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One source per setting: finds the {@code rebound.*} keys of a service's YAML (every profile document) that no
 * {@code @ConfigurationProperties} record of the running context binds, following record components, lists and
 * maps down the key's path.
 */
public final class ConfigurationKeys {

    private ConfigurationKeys() {
    }

    public static List<String> unbound(ApplicationContext context, String yamlResource) {
        List<ConfigurationPropertiesBean> beans = new ArrayList<>(ConfigurationPropertiesBean.getAll(context).values());
        beans.sort(Comparator.comparingInt((ConfigurationPropertiesBean b) -> prefix(b).length()).reversed());
        List<String> unbound = new ArrayList<>();
        for (String key : reboundKeys(yamlResource)) {
            ConfigurationPropertiesBean bean = beans.stream()
                    .filter(b -> key.startsWith(prefix(b) + ".")).findFirst().orElse(null);
            if (bean == null || !binds(bean.getInstance().getClass(), key.substring(prefix(bean).length() + 1).split("\\."))) {
                unbound.add(key);
            }
        }
        return unbound;
    }

    private static boolean binds(Type type, String[] path) {
        Type current = type;
        for (String segment : path) {
            String name = segment.replaceAll("\\[\\d+]", "");
            Class<?> raw = raw(current);
            if (Map.class.isAssignableFrom(raw)) {
                return true;
            }
            if (!raw.isRecord()) {
                return false;
            }
            RecordComponent component = find(raw, camel(name));
            if (component == null) {
                return false;
            }
            current = component.getGenericType();
            if (segment.contains("[") && Collection.class.isAssignableFrom(raw(current))) {
                current = ((ParameterizedType) current).getActualTypeArguments()[0];
            }
        }
        return true;
    }

    private static RecordComponent find(Class<?> record, String name) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        return null;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String prefix(ConfigurationPropertiesBean bean) {
        return bean.getAnnotation().prefix().isEmpty() ? bean.getAnnotation().value() : bean.getAnnotation().prefix();
    }

    private static TreeSet<String> reboundKeys(String yamlResource) {
        try {
            TreeSet<String> keys = new TreeSet<>();
            for (PropertySource<?> document : new YamlPropertySourceLoader().load(yamlResource,
                    new ClassPathResource(yamlResource))) {
                for (String name : ((EnumerablePropertySource<?>) document).getPropertyNames()) {
                    if (name.startsWith("rebound.")) {
                        keys.add(name);
                    }
                }
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException(yamlResource + " has no rebound.* key: wrong resource?");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
