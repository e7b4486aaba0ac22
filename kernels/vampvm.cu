// The one translation unit of the fatbin: every kernel the Java engine launches, with C linkage so that
// cuModuleGetFunction finds it by a plain name. Kernels are instantiated per field or curve here; their
// bodies live in the folders beside this file.
#include "ec/pasta_curves.cuh"
