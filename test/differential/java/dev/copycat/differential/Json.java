package dev.copycat.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The harness's own JSON plumbing (the cases and results files), on the Jackson that connect-json
 * already brings. Nothing here touches record contents: those stay raw bytes for Kafka's converters.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) throw new IllegalArgumentException("\"" + field + "\" must be a string in " + node);
        return value.textValue();
    }

    static long integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber()) throw new IllegalArgumentException("\"" + field + "\" must be an integer in " + node);
        return value.longValue();
    }

    static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) throw new IllegalArgumentException("\"" + field + "\" must be an array in " + node);
        return value;
    }

    /** A connector config is a flat map of strings, as Kafka Connect's REST API takes it. */
    static Map<String, String> stringMap(JsonNode node, String what) {
        if (node == null || !node.isObject()) throw new IllegalArgumentException(what + " must be a JSON object");
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException(what + ": \"" + entry.getKey() + "\" must be a string, like every connector config value");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    /**
     * Raw bytes from a record field pair: {@code <field>Base64} wins over {@code <field>} (UTF-8 text);
     * absent or null means null bytes.
     */
    static byte[] bytes(JsonNode node, String field) {
        JsonNode base64 = node.get(field + "Base64");
        if (base64 != null && !base64.isNull()) {
            if (!base64.isTextual()) throw new IllegalArgumentException("\"" + field + "Base64\" must be a string in " + node);
            return Base64.getDecoder().decode(base64.textValue());
        }
        JsonNode text = node.get(field);
        if (text == null || text.isNull()) return null;
        if (!text.isTextual()) throw new IllegalArgumentException("\"" + field + "\" must be a string or null in " + node);
        return text.textValue().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes bytes the way the TypeScript side reads them: text when the bytes are valid UTF-8 under
     * strict decoding (so the comparison stays readable), base64 otherwise, so no byte is ever lost
     * to a replacement character.
     */
    static void putBytes(ObjectNode node, String field, byte[] bytes) {
        if (bytes == null) {
            node.putNull(field);
            return;
        }
        String text = strictUtf8(bytes);
        if (text != null) node.put(field, text);
        else node.put(field + "Base64", Base64.getEncoder().encodeToString(bytes));
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
