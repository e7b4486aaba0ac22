/** The vanishing argument: the quotient's pieces and the random polynomial that blinds its opening. */
package dev.vampvm.plonk.vanishing;
