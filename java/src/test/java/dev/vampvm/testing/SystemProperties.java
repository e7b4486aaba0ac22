package dev.vampvm.testing;

/** Runs code with a system property set, restoring what was there (or its absence) afterwards. */
public final class SystemProperties {

    /** Code that may throw. */
    @FunctionalInterface
    public interface Body<T, E extends Exception> {
        T run() throws E;
    }

    private SystemProperties() {
    }

    /** body's result with {@code key} set to {@code value} (null: cleared) while it runs. */
    public static <T, E extends Exception> T with(String key, String value, Body<T, E> body) throws E {
        String before = System.getProperty(key);
        set(key, value);
        try {
            return body.run();
        } finally {
            set(key, before);
        }
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
