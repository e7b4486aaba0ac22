/**
 * Keys: {@link dev.vampvm.plonk.keygen.Keygen} makes a {@link dev.vampvm.plonk.keygen.ProvingKey} (which holds
 * the {@link dev.vampvm.plonk.keygen.VerifyingKey}) from a circuit and k; the verifying key's hash, file format
 * and JSON are documented on its class; {@link dev.vampvm.plonk.keygen.ActiveRows} decides which gate
 * constraints the proof restricts to the usable rows.
 */
package dev.vampvm.plonk.keygen;
