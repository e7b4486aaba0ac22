package dev.vampvm.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random VampIR programs from a small grammar: mostly well-formed, often ill-typed, sometimes recursive. */
final class RandomPrograms {
    private RandomPrograms() {
    }

    static String program(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        List<String> names = new ArrayList<>(List.of("x", "y"));
        List<String> functions = new ArrayList<>();
        sb.append("pub r;\n");
        int items = 1 + r.nextInt(6);
        for (int i = 0; i < items; i++) {
            if (r.nextBoolean()) {
                String f = "f" + i;
                int arity = 1 + r.nextInt(3);
                List<String> params = new ArrayList<>();
                for (int j = 0; j < arity; j++) {
                    params.add("a" + j);
                }
                List<String> scope = new ArrayList<>(names);
                scope.addAll(params);
                if (r.nextInt(3) == 0) {
                    functions.add(f + "/" + arity); // recursive: may refer to itself
                }
                sb.append("def ").append(f).append(' ').append(String.join(" ", params)).append(" = ")
                        .append(expr(r, scope, functions, 4)).append(";\n");
                functions.remove(f + "/" + arity);
                functions.add(f + "/" + arity);
            } else {
                String v = "v" + i;
                sb.append("def ").append(v).append(" = ").append(expr(r, names, functions, 4)).append(";\n");
                names.add(v);
            }
        }
        sb.append(expr(r, names, functions, 3)).append(" = r;\n");
        return sb.toString();
    }

    private static String expr(SplittableRandom r, List<String> names, List<String> functions, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return switch (r.nextInt(5)) {
                case 0 -> Integer.toString(r.nextInt(100));
                case 1 -> "(" + (r.nextBoolean() ? "-" : "") + r.nextInt(1 << 20) + ")";
                case 2 -> "()";
                default -> names.get(r.nextInt(names.size()));
            };
        }
        int d = depth - 1;
        return switch (r.nextInt(12)) {
            case 0 -> "(" + expr(r, names, functions, d) + " + " + expr(r, names, functions, d) + ")";
            case 1 -> "(" + expr(r, names, functions, d) + " * " + expr(r, names, functions, d) + ")";
            case 2 -> "(" + expr(r, names, functions, d) + " - " + expr(r, names, functions, d) + ")";
            case 3 -> "(" + expr(r, names, functions, d) + " / " + expr(r, names, functions, d) + ")";
            case 4 -> "(" + expr(r, names, functions, d) + " ^ " + r.nextInt(5) + ")";
            case 5 -> "(branch (lt " + expr(r, names, functions, d) + " " + expr(r, names, functions, d) + ") "
                    + expr(r, names, functions, d) + " " + expr(r, names, functions, d) + ")";
            case 6 -> "{ " + expr(r, names, functions, d) + " = " + expr(r, names, functions, d) + "; "
                    + expr(r, names, functions, d) + " }";
            case 7 -> "(" + expr(r, names, functions, d) + ", " + expr(r, names, functions, d) + ")";
            case 8 -> "(fun z { " + expr(r, withZ(names), functions, d) + " }) " + expr(r, names, functions, d);
            case 9 -> "(" + expr(r, names, functions, d) + " : [])";
            case 10 -> "(fresh " + expr(r, names, functions, d) + ")";
            default -> {
                if (functions.isEmpty()) {
                    yield names.get(r.nextInt(names.size()));
                }
                String[] f = functions.get(r.nextInt(functions.size())).split("/");
                int arity = Integer.parseInt(f[1]) + (r.nextInt(6) == 0 ? r.nextInt(3) - 1 : 0);
                StringBuilder sb = new StringBuilder("(").append(f[0]);
                for (int i = 0; i < arity; i++) {
                    sb.append(' ').append(expr(r, names, functions, d));
                }
                yield sb.append(')').toString();
            }
        };
    }

    private static List<String> withZ(List<String> names) {
        List<String> s = new ArrayList<>(names);
        s.add("z");
        return s;
    }
}
