package dev.vampvm.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result files' JSON, through Jackson (the project's JSON library): plain maps, lists, strings, numbers and
 * booleans, written pretty ({@code environment.json}) or one object per line ({@code results.jsonl}).
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    /** A JSON value, indented, "key": value, ending with a newline. */
    static String pretty(Object value) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON value on one line, without the newline. */
    static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses one JSON text. */
    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An object of strings as a map, in file order. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> m = new LinkedHashMap<>();
        object.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** An object of numbers as a map, in file order. */
    static Map<String, Double> numbers(JsonNode object) {
        Map<String, Double> m = new LinkedHashMap<>();
        object.properties().forEach(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }

    /** An array of numbers. */
    static List<Double> numberList(JsonNode array) {
        List<Double> l = new ArrayList<>();
        array.forEach(n -> l.add(n.asDouble()));
        return l;
    }

    /** A number, or null for JSON null or a missing field. */
    static Double numberOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }
}
