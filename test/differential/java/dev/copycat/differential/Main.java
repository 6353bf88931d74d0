package dev.copycat.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka Connect side of Copycat's differential test. kafka-connect.ts starts one JVM with
 * {@code run <cases.json> <results.json>} for a whole corpus, or {@code bench <bench.json> <result.json>}
 * to time the pipeline. Files rather than stdin/stdout keep the protocol immune to anything a
 * plugin might print.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !(args[0].equals("run") || args[0].equals("bench"))) {
            System.err.println("usage: Main run <cases.json> <results.json> | Main bench <bench.json> <result.json>");
            System.exit(2);
        }
        JsonNode input = Json.MAPPER.readTree(new File(args[1]));
        JsonNode output = args[0].equals("run") ? runCases(input) : Bench.run(input);
        Json.MAPPER.writeValue(new File(args[2]), output);
    }

    private static ArrayNode runCases(JsonNode cases) {
        if (!cases.isArray()) throw new IllegalArgumentException("the cases file must hold a JSON array of cases");
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (JsonNode testCase : cases) results.add(runCase(testCase));
        return results;
    }

    private static ObjectNode runCase(JsonNode testCase) {
        String name = Json.text(testCase, "name");
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("name", name);
        ArrayNode outcomes = result.putArray("results");
        // Records are parsed before the pipeline is built so that a malformed corpus entry fails
        // loudly (a harness bug) instead of hiding behind an expected configError.
        List<InputRecord> records = new ArrayList<>();
        for (JsonNode record : Json.array(testCase, "records")) records.add(InputRecord.fromJson(record));
        Pipeline pipeline;
        try {
            pipeline = Pipeline.build(Json.stringMap(testCase.get("config"), "config of case " + name));
        } catch (Exception e) {
            // Kafka refuses such a connector before any record flows, so the case has no outcomes.
            result.put("configError", e.getClass().getName() + ": " + Outcome.stableMessage(e.getMessage()));
            return result;
        }
        try {
            for (InputRecord record : records) outcomes.add(pipeline.process(record).toJson(record.offset()));
        } finally {
            pipeline.close();
        }
        return result;
    }
}
