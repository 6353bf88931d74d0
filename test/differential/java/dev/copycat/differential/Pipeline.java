package dev.copycat.differential;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * One connector's record path, built the way a Kafka Connect worker builds a task's: the sink
 * side's conversion (bytes to Connect data), the transformation chain, then the source side's
 * conversion back to bytes. Running both halves lets one corpus check converters and SMTs
 * together, byte for byte.
 */
final class Pipeline implements AutoCloseable {

    static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    static final String SIMPLE_HEADER_CONVERTER = "org.apache.kafka.connect.storage.SimpleHeaderConverter";

    /** A transformation and its optional predicate, applied like Kafka's TransformationStage. */
    private record Stage(Transformation<SinkRecord> transformation, Predicate<SinkRecord> predicate, boolean negate) {
        SinkRecord apply(SinkRecord record) {
            if (predicate != null && !(negate ^ predicate.test(record))) return record;
            return transformation.apply(record);
        }
    }

    private final Converter keyConverter;
    private final Converter valueConverter;
    private final HeaderConverter headerConverter;
    private final List<Stage> stages;

    private Pipeline(Converter keyConverter, Converter valueConverter, HeaderConverter headerConverter, List<Stage> stages) {
        this.keyConverter = keyConverter;
        this.valueConverter = valueConverter;
        this.headerConverter = headerConverter;
        this.stages = stages;
    }

    /** Builds the pipeline, throwing whatever Kafka throws for a config it rejects. */
    static Pipeline build(Map<String, String> config) {
        Converter keyConverter = converter(config, "key.converter", true);
        Converter valueConverter = converter(config, "value.converter", false);
        HeaderConverter headerConverter = headerConverter(config);
        List<String> predicateAliases = aliases(config, "predicates");
        // Kafka validates every declared predicate, used or not, when it validates the connector config.
        for (String alias : predicateAliases) predicate(config, alias);
        List<Stage> stages = new ArrayList<>();
        for (String alias : aliases(config, "transforms")) stages.add(stage(config, alias, predicateAliases));
        return new Pipeline(keyConverter, valueConverter, headerConverter, stages);
    }

    /**
     * A connector config that names no key/value converter gets the worker's, configured from the
     * worker's properties, so the connector's own {@code key.converter.*} settings are then ignored
     * (Kafka's Worker does exactly this). The worker default here is connect-distributed.properties':
     * JsonConverter with schemas.enable=true.
     */
    private static Converter converter(Map<String, String> config, String classKey, boolean isKey) {
        String className = config.get(classKey);
        Map<String, Object> settings = className == null ? Map.of("schemas.enable", "true") : withPrefix(config, classKey + ".");
        Converter converter = Plugins.newInstance(classKey, className == null ? JSON_CONVERTER : className, Plugins.Kind.CONVERTER);
        converter.configure(settings, isKey);
        return converter;
    }

    /**
     * The connector config's header.converter defaults to the worker's class, so unlike the
     * key/value converters its prefixed settings always apply. Kafka adds converter.type=header.
     */
    private static HeaderConverter headerConverter(Map<String, String> config) {
        String className = config.getOrDefault("header.converter", SIMPLE_HEADER_CONVERTER);
        HeaderConverter converter = Plugins.newInstance("header.converter", className, Plugins.Kind.HEADER_CONVERTER);
        Map<String, Object> settings = withPrefix(config, "header.converter.");
        settings.put("converter.type", "header");
        converter.configure(settings);
        return converter;
    }

    private static Stage stage(Map<String, String> config, String alias, List<String> predicateAliases) {
        String prefix = "transforms." + alias + ".";
        Map<String, Object> settings = withPrefix(config, prefix);
        // predicate and negate belong to the runtime, not to the SMT, so the SMT never sees them.
        String predicateAlias = (String) settings.remove("predicate");
        String negate = (String) settings.remove("negate");
        if (negate != null && predicateAlias == null) {
            throw new ConfigException("Config '" + prefix + "negate' was provided but there is no config '" + prefix
                + "predicate' defining a predicate to be negated.");
        }
        boolean negated = negate != null && (Boolean) ConfigDef.parseType(prefix + "negate", negate, ConfigDef.Type.BOOLEAN);
        Transformation<SinkRecord> transformation = Plugins.newInstance(prefix + "type", required(config, prefix + "type"),
            Plugins.Kind.TRANSFORMATION);
        transformation.configure(settings);
        if (predicateAlias == null) return new Stage(transformation, null, false);
        // Kafka only defines predicates.<p>.* for the aliases listed in `predicates`.
        if (!predicateAliases.contains(predicateAlias)) {
            throw new ConfigException("Unknown configuration 'predicates." + predicateAlias + ".type'");
        }
        return new Stage(transformation, predicate(config, predicateAlias), negated);
    }

    private static Predicate<SinkRecord> predicate(Map<String, String> config, String alias) {
        String prefix = "predicates." + alias + ".";
        Predicate<SinkRecord> predicate = Plugins.newInstance(prefix + "type", required(config, prefix + "type"), Plugins.Kind.PREDICATE);
        predicate.configure(withPrefix(config, prefix));
        return predicate;
    }

    @SuppressWarnings("unchecked")
    private static List<String> aliases(Map<String, String> config, String key) {
        String value = config.get(key);
        if (value == null) return List.of();
        List<String> aliases = (List<String>) ConfigDef.parseType(key, value, ConfigDef.Type.LIST);
        if (new HashSet<>(aliases).size() < aliases.size()) throw new ConfigException(key, aliases, "Duplicate alias provided.");
        return aliases;
    }

    private static String required(Map<String, String> config, String key) {
        String value = config.get(key);
        if (value == null) throw new ConfigException("Missing required configuration \"" + key + "\" which has no default value.");
        return value;
    }

    /** AbstractConfig.originalsWithPrefix: every key under the prefix, with the prefix cut off. */
    private static Map<String, Object> withPrefix(Map<String, String> config, String prefix) {
        Map<String, Object> result = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) result.put(key.substring(prefix.length()), value);
        });
        return result;
    }

    /** Runs one record through the whole path; never throws for a record Kafka would reject. */
    Outcome process(InputRecord in) {
        String stage = "KEY_CONVERTER";
        try {
            RecordHeaders consumerHeaders = in.kafkaHeaders();
            SchemaAndValue key = keyConverter.toConnectData(in.topic(), consumerHeaders, in.key());
            stage = "VALUE_CONVERTER";
            SchemaAndValue value = valueConverter.toConnectData(in.topic(), consumerHeaders, in.value());
            stage = "HEADER_CONVERTER";
            ConnectHeaders headers = new ConnectHeaders();
            for (InputRecord.RawHeader header : in.headers()) {
                headers.add(header.key(), headerConverter.toConnectHeader(in.topic(), header.key(), header.value()));
            }
            SinkRecord record = new SinkRecord(in.topic(), in.partition(), key.schema(), key.value(), value.schema(), value.value(),
                in.offset(), in.timestamp(), in.timestamp() == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME, headers);

            stage = "TRANSFORMATION";
            for (Stage transform : stages) {
                record = transform.apply(record);
                if (record == null) return Outcome.FILTERED;
            }

            // Back to bytes in the order WorkerSourceTask uses: headers first, because the key and
            // value converters receive the converted headers.
            stage = "HEADER_CONVERTER";
            RecordHeaders producerHeaders = new RecordHeaders();
            for (Header header : record.headers()) {
                producerHeaders.add(header.key(), headerConverter.fromConnectHeader(record.topic(), header.key(), header.schema(), header.value()));
            }
            stage = "KEY_CONVERTER";
            byte[] keyBytes = keyConverter.fromConnectData(record.topic(), producerHeaders, record.keySchema(), record.key());
            stage = "VALUE_CONVERTER";
            byte[] valueBytes = valueConverter.fromConnectData(record.topic(), producerHeaders, record.valueSchema(), record.value());
            return new Outcome.Produced(record.topic(), record.kafkaPartition(), record.kafkaOffset(), record.timestamp(), keyBytes, valueBytes,
                producerHeaders);
        } catch (Exception e) {
            // Kafka's RetryWithToleranceOperator tolerates (and reports) any Exception in these stages.
            return new Outcome.Failed(stage, e.getClass().getName(), e.getMessage());
        }
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables()) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Closing only releases caches; a failure here says nothing about Kafka's behaviour.
            }
        }
    }

    private List<AutoCloseable> closeables() {
        List<AutoCloseable> result = new ArrayList<>(List.of(keyConverter, valueConverter, headerConverter));
        for (Stage stage : stages) {
            result.add(stage.transformation());
            if (stage.predicate() != null) result.add(stage.predicate());
        }
        return result;
    }
}
