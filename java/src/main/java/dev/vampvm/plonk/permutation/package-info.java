/** The permutation (copy-constraint) argument: σ at keygen, the grand products and constraints, both sides. */
package dev.vampvm.plonk.permutation;
