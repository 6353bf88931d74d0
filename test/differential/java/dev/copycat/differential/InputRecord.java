package dev.copycat.differential;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.ArrayList;
import java.util.List;

/** A consumer record as the sink side of Kafka Connect receives it: raw bytes plus coordinates. */
record InputRecord(String topic, int partition, long offset, Long timestamp, byte[] key, byte[] value, List<RawHeader> headers) {

    record RawHeader(String key, byte[] value) {
    }

    static InputRecord fromJson(JsonNode node) {
        JsonNode timestamp = node.get("timestamp");
        List<RawHeader> headers = new ArrayList<>();
        JsonNode headerNodes = node.get("headers");
        if (headerNodes != null && !headerNodes.isNull()) {
            for (JsonNode header : Json.array(node, "headers")) {
                headers.add(new RawHeader(Json.text(header, "key"), Json.bytes(header, "value")));
            }
        }
        return new InputRecord(
            Json.text(node, "topic"),
            (int) Json.integer(node, "partition"),
            Json.integer(node, "offset"),
            timestamp == null || timestamp.isNull() ? null : Json.integer(node, "timestamp"),
            Json.bytes(node, "key"),
            Json.bytes(node, "value"),
            headers
        );
    }

    /**
     * A fresh copy per pass, because Kafka hands converters the consumer record's own headers and a
     * converter is free to add to them.
     */
    RecordHeaders kafkaHeaders() {
        RecordHeaders result = new RecordHeaders();
        for (RawHeader header : headers) result.add(header.key(), header.value());
        return result;
    }
}
