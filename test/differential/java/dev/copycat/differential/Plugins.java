package dev.copycat.differential;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a class name from a connector config into a plugin instance, accepting Kafka's aliases.
 * Kafka derives aliases by scanning its plugin path; the harness has a fixed classpath, so it lists
 * the bundled plugins by hand and derives the same aliases from them.
 */
final class Plugins {

    /** The plugin kinds a connector config names, with the interface each must implement. */
    enum Kind {
        CONVERTER(Converter.class),
        HEADER_CONVERTER(HeaderConverter.class),
        TRANSFORMATION(Transformation.class),
        PREDICATE(Predicate.class);

        final Class<?> base;

        Kind(Class<?> base) {
            this.base = base;
        }
    }

    /**
     * Every concrete plugin the harness's jars bundle: connect-json, connect-api's storage package,
     * the simple converters (which live in connect-runtime), connect-transforms and its predicates.
     */
    private static final List<String> BUNDLED = List.of(
        "org.apache.kafka.connect.json.JsonConverter",
        "org.apache.kafka.connect.storage.StringConverter",
        "org.apache.kafka.connect.storage.SimpleHeaderConverter",
        "org.apache.kafka.connect.converters.ByteArrayConverter",
        "org.apache.kafka.connect.converters.BooleanConverter",
        "org.apache.kafka.connect.converters.DoubleConverter",
        "org.apache.kafka.connect.converters.FloatConverter",
        "org.apache.kafka.connect.converters.IntegerConverter",
        "org.apache.kafka.connect.converters.LongConverter",
        "org.apache.kafka.connect.converters.ShortConverter",
        "org.apache.kafka.connect.transforms.Cast$Key",
        "org.apache.kafka.connect.transforms.Cast$Value",
        "org.apache.kafka.connect.transforms.DropHeaders",
        "org.apache.kafka.connect.transforms.ExtractField$Key",
        "org.apache.kafka.connect.transforms.ExtractField$Value",
        "org.apache.kafka.connect.transforms.Filter",
        "org.apache.kafka.connect.transforms.Flatten$Key",
        "org.apache.kafka.connect.transforms.Flatten$Value",
        "org.apache.kafka.connect.transforms.HeaderFrom$Key",
        "org.apache.kafka.connect.transforms.HeaderFrom$Value",
        "org.apache.kafka.connect.transforms.HoistField$Key",
        "org.apache.kafka.connect.transforms.HoistField$Value",
        "org.apache.kafka.connect.transforms.InsertField$Key",
        "org.apache.kafka.connect.transforms.InsertField$Value",
        "org.apache.kafka.connect.transforms.InsertHeader",
        "org.apache.kafka.connect.transforms.MaskField$Key",
        "org.apache.kafka.connect.transforms.MaskField$Value",
        "org.apache.kafka.connect.transforms.RegexRouter",
        "org.apache.kafka.connect.transforms.ReplaceField$Key",
        "org.apache.kafka.connect.transforms.ReplaceField$Value",
        "org.apache.kafka.connect.transforms.SetSchemaMetadata$Key",
        "org.apache.kafka.connect.transforms.SetSchemaMetadata$Value",
        "org.apache.kafka.connect.transforms.TimestampConverter$Key",
        "org.apache.kafka.connect.transforms.TimestampConverter$Value",
        "org.apache.kafka.connect.transforms.TimestampRouter",
        "org.apache.kafka.connect.transforms.ValueToKey",
        "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
        "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone",
        "org.apache.kafka.connect.transforms.predicates.TopicNameMatches"
    );

    private static final Map<String, String> ALIASES = computeAliases();

    private Plugins() {
    }

    /**
     * Kafka's aliases are a plugin's simple class name and that name without its kind's suffix
     * ({@code JsonConverter} and {@code Json}; {@code SimpleHeaderConverter} and {@code Simple}),
     * dropped when two plugins share one. Nested SMT classes have the simple names {@code Key} and
     * {@code Value}, so Kafka gives them no alias at all; Copycat also accepts {@code InsertField$Value}
     * (the class name without its package), so the harness does too.
     */
    private static Map<String, String> computeAliases() {
        Map<String, Set<String>> candidates = new HashMap<>();
        for (String className : BUNDLED) {
            Class<?> type = load(className);
            String packageless = className.substring(className.lastIndexOf('.') + 1);
            candidates.computeIfAbsent(packageless, k -> new HashSet<>()).add(className);
            candidates.computeIfAbsent(type.getSimpleName(), k -> new HashSet<>()).add(className);
            for (Kind kind : Kind.values()) {
                if (!kind.base.isAssignableFrom(type)) continue;
                String simple = type.getSimpleName();
                int suffix = simple.lastIndexOf(kind.base.getSimpleName());
                if (suffix > 0) candidates.computeIfAbsent(simple.substring(0, suffix), k -> new HashSet<>()).add(className);
            }
        }
        Map<String, String> aliases = new HashMap<>();
        candidates.forEach((alias, classNames) -> {
            if (classNames.size() == 1) aliases.put(alias, classNames.iterator().next());
        });
        return aliases;
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("A bundled plugin is missing from the classpath: " + className, e);
        }
    }

    /**
     * A new instance of the plugin named by {@code configKey}, failing the way Kafka's config
     * parsing does (a {@link ConfigException} naming the key and the value).
     */
    static <T> T newInstance(String configKey, String name, Kind kind) {
        // ConfigDef's CLASS type trims the value before looking it up.
        String trimmed = name.trim();
        Class<?> type;
        try {
            type = Class.forName(ALIASES.getOrDefault(trimmed, trimmed));
        } catch (ClassNotFoundException e) {
            throw new ConfigException(configKey, name, "Class " + trimmed + " could not be found.");
        }
        // Kafka's own check, as its config validation runs it for every plugin kind.
        Utils.ensureConcreteSubclass(kind.base, type);
        try {
            @SuppressWarnings("unchecked")
            T instance = (T) type.getDeclaredConstructor().newInstance();
            return instance;
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(configKey, type.getName(), "Could not instantiate class: " + e.getMessage());
        }
    }
}
