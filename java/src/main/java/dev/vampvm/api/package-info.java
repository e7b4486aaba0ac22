/**
 * vampvm's Java API: {@link dev.vampvm.api.Vampvm#compile} a VampIR program, {@link dev.vampvm.api.Program#prove}
 * it with named inputs, {@link dev.vampvm.api.Program#verify} or {@link dev.vampvm.api.Program#check} a proof, and
 * read and write {@link dev.vampvm.api.ProgramProof} files. Keys are cached on disk ({@link dev.vampvm.api.KeyCache}).
 * The {@code vampvm prove}, {@code verify} and {@code info} commands are thin layers over this package.
 */
package dev.vampvm.api;
