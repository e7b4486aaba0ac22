package dev.vampvm.ir.syntax;

import java.util.List;

/** A parsed {@code .pir} file: its items in order. */
public record Program(SourceFile file, List<Item> items) {
    public Program {
        items = List.copyOf(items);
    }
}
