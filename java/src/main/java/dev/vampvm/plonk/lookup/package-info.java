/** halo2's permuted-column lookup argument, prover and verifier. */
package dev.vampvm.plonk.lookup;
