package dev.vampvm.plonk.examples;

/**
 * Which single constraint an example's witness violates. A faulty variant differs from the honest one only in
 * advice or instance values, never in fixed values or copies, so it has the same verifying key: the prover's
 * tests can key-generate with one and try to prove with the other.
 */
public enum ExampleFault {
    /** The honest witness. */
    NONE,
    /** One gate constraint fails at one row. */
    GATE,
    /** One copy constraint fails. */
    COPY,
    /** One lookup input is missing from its table at one row. */
    LOOKUP
}
