package dev.vampvm.ir.types;

import dev.vampvm.ir.syntax.Span;
import java.util.List;

/**
 * An input of the program: a name used but never defined. A tuple-typed input {@code x} has components {@code x.0},
 * {@code x.1}, ... (nested tuples nest the names: {@code x.0.1}); a field input has one component named {@code x}.
 *
 * @param firstUse   where the name first appears
 * @param components the dotted names of its field components, in order
 */
public record InputInfo(String name, Span firstUse, Type type, boolean isPublic, List<String> components) {
    public InputInfo {
        components = List.copyOf(components);
    }
}
