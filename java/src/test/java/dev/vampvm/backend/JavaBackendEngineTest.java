package dev.vampvm.backend;

/** The engine suite on the pure-Java engine. */
class JavaBackendEngineTest extends BackendEngineContract {

    @Override
    protected Backend newBackend() {
        return new JavaBackend(2);
    }
}
