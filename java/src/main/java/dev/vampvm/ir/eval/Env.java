package dev.vampvm.ir.eval;

/** An immutable lexical environment: a linked list of bindings, innermost first. */
record Env(String name, Value value, Env parent) {

    static Env bind(Env env, String name, Value value) {
        return new Env(name, value, env);
    }

    static Value lookup(Env env, String name) {
        for (Env e = env; e != null; e = e.parent) {
            if (e.name.equals(name)) {
                return e.value;
            }
        }
        return null;
    }
}
