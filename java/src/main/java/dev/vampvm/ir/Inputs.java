package dev.vampvm.ir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vampvm.field.Fp;
import dev.vampvm.ir.syntax.CompileException;
import dev.vampvm.ir.syntax.Diagnostic;
import dev.vampvm.ir.types.CheckedProgram;
import dev.vampvm.ir.types.InputInfo;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of a program's inputs, by dotted name ({@code x}, or {@code x.0}, {@code x.1} for a tuple input), as
 * read from a JSON object such as {@code { "x": "15", "y": "0x14", "z": "-1" }}. Numbers are strings (plain JSON
 * integers are accepted too): decimal, {@code 0x}, {@code 0o} or {@code 0b}, with an optional leading {@code -}
 * meaning p minus the value; each must be below p.
 */
public final class Inputs {
    private final String source;
    private final Map<String, String> raw;

    private Inputs(String source, Map<String, String> raw) {
        this.source = source;
        this.raw = raw;
    }

    public static Inputs of(Map<String, String> values) {
        return new Inputs("inputs", new LinkedHashMap<>(values));
    }

    /** Reads a JSON object of names to numbers. @throws CompileException (INPUTS) if the file is not one */
    public static Inputs read(Path file) throws IOException {
        return parse(file.toString(), dev.vampvm.plonk.io.FileLimits.readText(file));
    }

    public static Inputs parse(String source, String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's limits (a number of over 1,000 digits, nesting over 1,000 levels) come without a location.
            throw new CompileException(CompileException.Kind.INPUTS, Diagnostic.of(source + ": not valid JSON: "
                    + e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")")));
        }
        if (root == null || !root.isObject()) {
            throw new CompileException(CompileException.Kind.INPUTS, Diagnostic.of(source
                    + ": an inputs file is a JSON object mapping input names to numbers, like { \"x\": \"15\" }"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<Diagnostic> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                values.put(e.getKey(), v.asText());
            } else if (v.isIntegralNumber()) {
                values.put(e.getKey(), v.bigIntegerValue().toString());
            } else {
                errors.add(Diagnostic.of(source + ": input '" + e.getKey() + "' must be a number written as a string"
                        + " (decimal, 0x, 0o or 0b, optionally with a leading '-'), not " + v));
            }
        }
        if (!errors.isEmpty()) {
            throw new CompileException(CompileException.Kind.INPUTS, errors);
        }
        return new Inputs(source, values);
    }

    public Map<String, String> raw() {
        return raw;
    }

    /**
     * Matches the values to the program's inputs. Every problem is listed at once: missing inputs, names the
     * program does not have, malformed or out-of-range numbers.
     */
    public Map<String, Fp> resolve(CheckedProgram program) {
        Map<String, Fp> out = new HashMap<>();
        List<Diagnostic> errors = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (InputInfo i : program.inputs()) {
            expected.addAll(i.components());
        }
        List<String> missing = new ArrayList<>();
        for (String name : expected) {
            String text = raw.get(name);
            if (text == null) {
                missing.add(name);
                continue;
            }
            try {
                out.put(name, parseNumber(text));
            } catch (IllegalArgumentException e) {
                errors.add(Diagnostic.of(source + ": input '" + name + "': " + e.getMessage()));
            }
        }
        if (!missing.isEmpty()) {
            errors.add(0, Diagnostic.of(source + ": missing " + (missing.size() == 1 ? "input " : "inputs ")
                    + String.join(", ", missing) + " (the program's inputs are: "
                    + (expected.isEmpty() ? "none" : String.join(", ", expected)) + ")"));
        }
        List<String> unknown = new ArrayList<>();
        for (String name : raw.keySet()) {
            if (!expected.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(Diagnostic.of(source + ": unknown " + (unknown.size() == 1 ? "input " : "inputs ")
                    + String.join(", ", unknown) + " (the program's inputs are: "
                    + (expected.isEmpty() ? "none" : String.join(", ", expected)) + ")"));
        }
        if (!errors.isEmpty()) {
            throw new CompileException(CompileException.Kind.INPUTS, errors);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 80) + "…(" + s.length() + " characters)";
    }

    /** Parses one number as the inputs file writes it. @throws IllegalArgumentException saying what is wrong */
    public static Fp parseNumber(String text) {
        String s = text.strip();
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        int radix = lower.startsWith("0x") ? 16 : lower.startsWith("0o") ? 8 : lower.startsWith("0b") ? 2 : 10;
        String digits = radix == 10 ? s : s.substring(2);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, radix) >= 0)) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a number (decimal, 0x, 0o or 0b"
                    + " digits, optionally with a leading '-')");
        }
        // Below p means at most 256 significant digits in any radix; BigInteger would take quadratic time on more.
        if (digits.replaceFirst("^0+", "").length() > 256) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is out of range: values must be below the"
                    + " field modulus p");
        }
        BigInteger v = new BigInteger(digits, radix);
        BigInteger p = Fp.FIELD.modulus();
        if (v.compareTo(p) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range: values must be below the field modulus p = 0x"
                    + p.toString(16));
        }
        Fp f = Fp.of(v);
        return negative ? f.neg() : f;
    }
}
