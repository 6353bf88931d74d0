package dev.copycat.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Times the pipeline on one thread: bytes in, bytes out, over and over the same records. The
 * records are parsed once up front and the outcomes are not serialised, so only Kafka's converters
 * and SMTs (plus the harness's thin wiring) are measured. A warm-up lets the JIT settle first.
 */
final class Bench {

    private Bench() {
    }

    static ObjectNode run(JsonNode input) {
        List<InputRecord> records = new ArrayList<>();
        for (JsonNode record : Json.array(input, "records")) records.add(InputRecord.fromJson(record));
        if (records.isEmpty()) throw new IllegalArgumentException("the benchmark needs at least one record");
        double seconds = input.path("seconds").asDouble(5);
        double warmupSeconds = input.path("warmupSeconds").asDouble(2);

        try (Pipeline pipeline = Pipeline.build(Json.stringMap(input.get("config"), "benchmark config"))) {
            long sink = 0;
            sink += loop(pipeline, records, warmupSeconds).weight;
            Pass measured = loop(pipeline, records, seconds);
            sink += measured.weight;
            ObjectNode result = Json.MAPPER.createObjectNode();
            double elapsed = measured.nanos / 1e9;
            result.put("recordsPerSecond", measured.records / elapsed);
            result.put("records", measured.records);
            result.put("seconds", elapsed);
            // Printing the sum keeps the JIT from treating the outcomes as dead code.
            result.put("checksum", sink);
            return result;
        }
    }

    private record Pass(long records, long nanos, long weight) {
    }

    /** Whole passes over the records until the time is up, so every record weighs the same. */
    private static Pass loop(Pipeline pipeline, List<InputRecord> records, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        long weight = 0;
        long elapsed;
        do {
            for (InputRecord record : records) weight += pipeline.process(record).weight();
            count += records.size();
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        return new Pass(count, elapsed, weight);
    }
}
