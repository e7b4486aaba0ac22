/**
 * Tools for circuit developers: {@link dev.vampvm.plonk.dev.MockProver}, which checks a table without proving
 * and reports every failure ({@link dev.vampvm.plonk.dev.VerifyFailure}) with the gate, row and values, and
 * {@link dev.vampvm.plonk.dev.CircuitCost}, the figures {@code vampvm compile} prints.
 */
package dev.vampvm.plonk.dev;
