package dev.vampvm.cli;

import dev.vampvm.api.Engine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --engine NAME}: java, cuda, cuda-emulated (picocli reports an unknown name as a usage error). */
final class EngineConverter implements ITypeConverter<Engine> {
    @Override
    public Engine convert(String value) {
        try {
            return Engine.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
