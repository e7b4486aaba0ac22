package dev.vampvm.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Seeded mutators and corpora shared by the fuzz tests. Every fuzz test draws from {@link dev.vampvm.testing.Seeds}
 * (the seed is printed; {@code -Dvampvm.seed=...} replays it) and runs a fixed number of inputs in the default run;
 * the {@code slow}-tagged variants run {@code -Dvampvm.fuzz.iterations=N} inputs instead.
 */
final class Fuzz {
    private Fuzz() {
    }

    /** The number of inputs a slow fuzz run tries per target (default 10,000). */
    static int slowIterations() {
        return Integer.getInteger("vampvm.fuzz.iterations", 10_000);
    }

    /** The repository's examples folder. */
    static Path examples() {
        Path p = Path.of("examples").toAbsolutePath();
        if (!Files.isDirectory(p)) {
            p = Path.of("..", "examples").toAbsolutePath();
        }
        return p.normalize();
    }

    /** The committed seed corpus, {@code src/test/resources/fuzz/<kind>/}. */
    static Path corpus(String kind) {
        for (String base : new String[] {"java/src/test/resources/fuzz", "src/test/resources/fuzz",
            "../java/src/test/resources/fuzz"}) {
            Path p = Path.of(base, kind).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no fuzz corpus for " + kind);
    }

    /** Every file with one of these suffixes under {@code dirs} (not recursive), sorted by name. */
    static List<String> texts(String suffix, Path... dirs) {
        List<String> out = new ArrayList<>();
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                // The medium and large straight-line programs differ from the small one only in their trip count.
                for (Path f : s.filter(f -> f.getFileName().toString().endsWith(suffix)
                        && !f.getFileName().toString().matches(".*\\.(medium|large)\\.pir")).sorted().toList()) {
                    if (Files.size(f) <= 256 * 1024) {
                        out.add(Files.readString(f));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Byte mutations (binary files).

    /** The byte mutation kinds {@link #mutateBytes} draws from. */
    static final String[] BYTE_MUTATIONS = {"flip bit", "set byte", "truncate", "extend", "delete range",
        "duplicate range", "set u32 to an extreme", "splice from another file"};

    /** One to four random byte-level mutations of {@code in}; {@code other} may be spliced in. */
    static byte[] mutateBytes(SplittableRandom r, byte[] in, byte[] other) {
        byte[] b = in.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            b = mutateOnce(r, b, other, r.nextInt(BYTE_MUTATIONS.length));
        }
        return b;
    }

    static byte[] mutateOnce(SplittableRandom r, byte[] b, byte[] other, int kind) {
        if (b.length == 0) {
            return new byte[] {(byte) r.nextInt(256)};
        }
        switch (kind) {
            case 0 -> {
                b = b.clone();
                b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                return b;
            }
            case 1 -> {
                b = b.clone();
                b[r.nextInt(b.length)] = (byte) (r.nextBoolean() ? r.nextInt(256) : (r.nextBoolean() ? 0 : 0xff));
                return b;
            }
            case 2 -> {
                return Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 3 -> {
                byte[] c = Arrays.copyOf(b, b.length + 1 + r.nextInt(64));
                for (int i = b.length; i < c.length; i++) {
                    c[i] = (byte) r.nextInt(256);
                }
                return c;
            }
            case 4 -> {
                int from = r.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + r.nextInt(32));
                byte[] c = new byte[b.length - (to - from)];
                System.arraycopy(b, 0, c, 0, from);
                System.arraycopy(b, to, c, from, b.length - to);
                return c;
            }
            case 5 -> {
                int from = r.nextInt(b.length);
                int to = Math.min(b.length, from + 1 + r.nextInt(32));
                byte[] c = new byte[b.length + (to - from)];
                System.arraycopy(b, 0, c, 0, to);
                System.arraycopy(b, from, c, to, b.length - from);
                return c;
            }
            case 6 -> {
                if (b.length < 4) {
                    return b;
                }
                b = b.clone();
                int at = r.nextInt(b.length - 3);
                int[] extremes = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x10000, b.length, b.length - at};
                int v = extremes[r.nextInt(extremes.length)];
                for (int i = 0; i < 4; i++) {
                    b[at + i] = (byte) (v >>> (8 * i));
                }
                return b;
            }
            default -> {
                if (other == null || other.length == 0) {
                    return b;
                }
                int from = r.nextInt(other.length);
                int len = Math.min(other.length - from, 1 + r.nextInt(64));
                int at = r.nextInt(b.length);
                b = b.clone();
                System.arraycopy(other, from, b, at, Math.min(len, b.length - at));
                return b;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Text mutations (programs and JSON).

    /** The text mutation kinds {@link #mutateText} draws from. */
    static final String[] TEXT_MUTATIONS = {"byte flip", "token deletion", "token duplication", "token swap",
        "token from another place", "random punctuation", "huge literal", "long identifier", "deep parentheses",
        "deep braces", "long operator chain", "splice of another program"};

    private static final String[] PUNCTUATION = {"(", ")", "{", "}", "[", "]", ";", ",", "=", ":", "+", "-", "*",
        "/", "\\", "%", "|", "^", "def", "pub", "fun", "branch", "fresh", "iter", "0", "1", "0x", "-1", "\"", "//",
        "/*", "*/", "\n", " ", "\u0000", "\u00e9", "\ud83d\ude00"};

    /** One to three random text mutations of {@code in}. */
    static String mutateText(SplittableRandom r, String in, List<String> others) {
        String s = in;
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            s = mutateTextOnce(r, s, others, r.nextInt(TEXT_MUTATIONS.length));
        }
        return s;
    }

    static String mutateTextOnce(SplittableRandom r, String s, List<String> others, int kind) {
        List<int[]> tokens = tokens(s);
        switch (kind) {
            case 0 -> {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                return new String(mutateOnce(r, b, null, r.nextInt(2)), StandardCharsets.UTF_8);
            }
            case 1 -> {
                if (tokens.isEmpty()) {
                    return s;
                }
                int[] t = tokens.get(r.nextInt(tokens.size()));
                return s.substring(0, t[0]) + s.substring(t[1]);
            }
            case 2 -> {
                if (tokens.isEmpty()) {
                    return s;
                }
                int[] t = tokens.get(r.nextInt(tokens.size()));
                return s.substring(0, t[1]) + " " + s.substring(t[0], t[1]) + s.substring(t[1]);
            }
            case 3 -> {
                if (tokens.size() < 2) {
                    return s;
                }
                int i = r.nextInt(tokens.size() - 1);
                int[] a = tokens.get(i);
                int[] b = tokens.get(i + 1 + r.nextInt(Math.min(8, tokens.size() - i - 1)));
                return s.substring(0, a[0]) + s.substring(b[0], b[1]) + s.substring(a[1], b[0])
                        + s.substring(a[0], a[1]) + s.substring(b[1]);
            }
            case 4 -> {
                if (tokens.size() < 2) {
                    return s;
                }
                int[] from = tokens.get(r.nextInt(tokens.size()));
                int[] to = tokens.get(r.nextInt(tokens.size()));
                return s.substring(0, to[0]) + s.substring(from[0], from[1]) + s.substring(to[1]);
            }
            case 5 -> {
                int at = r.nextInt(s.length() + 1);
                return s.substring(0, at) + PUNCTUATION[r.nextInt(PUNCTUATION.length)] + s.substring(at);
            }
            case 6 -> {
                String lit = switch (r.nextInt(4)) {
                    case 0 -> "9".repeat(1 + r.nextInt(20_000));
                    case 1 -> "0x" + "f".repeat(1 + r.nextInt(20_000));
                    case 2 -> "28948022309329048855892746252171976963363056481941560715954676764349967630337";
                    default -> "0b" + "1".repeat(1 + r.nextInt(5_000));
                };
                return replaceRandomToken(r, s, tokens, lit);
            }
            case 7 -> {
                return replaceRandomToken(r, s, tokens, "x".repeat(1 + r.nextInt(100_000)));
            }
            case 8 -> {
                int depth = 1 + r.nextInt(10_000);
                return replaceRandomToken(r, s, tokens, "(".repeat(depth) + "1" + ")".repeat(depth));
            }
            case 9 -> {
                int depth = 1 + r.nextInt(10_000);
                return replaceRandomToken(r, s, tokens, "{".repeat(depth) + "1" + "}".repeat(depth));
            }
            case 10 -> {
                int len = 1 + r.nextInt(2_000);
                String op = new String[] {" + ", " * ", " - ", " ^ ", " : ", ", ", " "}[r.nextInt(7)];
                return replaceRandomToken(r, s, tokens, ("1" + op).repeat(len) + "1");
            }
            default -> {
                if (others.isEmpty()) {
                    return s;
                }
                String o = others.get(r.nextInt(others.size()));
                int at = r.nextInt(s.length() + 1);
                int from = r.nextInt(o.length() + 1);
                int to = Math.min(o.length(), from + r.nextInt(200));
                return s.substring(0, at) + o.substring(from, to) + s.substring(at);
            }
        }
    }

    private static String replaceRandomToken(SplittableRandom r, String s, List<int[]> tokens, String with) {
        if (tokens.isEmpty()) {
            return with;
        }
        int[] t = tokens.get(r.nextInt(tokens.size()));
        return s.substring(0, t[0]) + with + s.substring(t[1]);
    }

    /** Rough token boundaries: runs of word characters, or single other non-blank characters. */
    static List<int[]> tokens(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (Character.isLetterOrDigit(c) || c == '_' || c == '\'') {
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || s.charAt(i) == '\'')) {
                    i++;
                }
            } else {
                i++;
            }
            out.add(new int[] {start, i});
        }
        return out;
    }
}
