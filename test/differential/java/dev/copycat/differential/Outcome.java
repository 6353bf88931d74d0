package dev.copycat.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.regex.Pattern;

/** What became of one input record: produced, filtered out by an SMT, or failed in a stage. */
sealed interface Outcome {

    Outcome FILTERED = new Filtered();

    /** {@code com.example.Thing@1b6d3586}: Object.toString of a class without its own. */
    Pattern IDENTITY_HASH = Pattern.compile("\\b((?:[A-Za-z_$][\\w$]*\\.)+[A-Za-z_$][\\w$]*)@[0-9a-f]{1,8}\\b");

    /**
     * Some Kafka messages embed an object's default toString, whose identity hash changes from run
     * to run; it is replaced by {@code @<hash>} so that results are reproducible and comparable.
     */
    static String stableMessage(String message) {
        return message == null ? null : IDENTITY_HASH.matcher(message).replaceAll("$1@<hash>");
    }

    ObjectNode toJson(long inputOffset);

    /** A few bytes summing up the outcome, so the benchmark's work cannot be optimised away. */
    int weight();

    record Filtered() implements Outcome {
        @Override
        public ObjectNode toJson(long inputOffset) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("offset", inputOffset);
            node.put("outcome", "filtered");
            return node;
        }

        @Override
        public int weight() {
            return 1;
        }
    }

    record Failed(String stage, String exceptionClass, String message) implements Outcome {
        @Override
        public ObjectNode toJson(long inputOffset) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("offset", inputOffset);
            node.put("outcome", "error");
            node.put("stage", stage);
            node.put("exceptionClass", exceptionClass);
            node.put("message", stableMessage(message));
            return node;
        }

        @Override
        public int weight() {
            return stage.length();
        }
    }

    record Produced(String topic, Integer partition, long offset, Long timestamp, byte[] key, byte[] value, RecordHeaders headers)
        implements Outcome {
        @Override
        public ObjectNode toJson(long inputOffset) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("offset", inputOffset);
            node.put("outcome", "record");
            ObjectNode record = node.putObject("record");
            record.put("topic", topic);
            if (partition == null) record.putNull("partition");
            else record.put("partition", partition);
            record.put("offset", offset);
            if (timestamp == null) record.putNull("timestamp");
            else record.put("timestamp", timestamp);
            Json.putBytes(record, "key", key);
            Json.putBytes(record, "value", value);
            ArrayNode headerNodes = record.putArray("headers");
            for (Header header : headers) {
                ObjectNode headerNode = headerNodes.addObject();
                headerNode.put("key", header.key());
                Json.putBytes(headerNode, "value", header.value());
            }
            return node;
        }

        @Override
        public int weight() {
            int weight = topic.length() + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
            for (Header header : headers) weight += header.value() == null ? 0 : header.value().length;
            return weight;
        }
    }
}
