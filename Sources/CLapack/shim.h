// Shim over OpenBLAS's CBLAS and LAPACKE (Debian: libopenblas-dev, liblapacke-dev).
// LAPACKE needs these two definitions before its header so that Swift can import it:
// lapack_int becomes a plain int (Swift sees Int32) and complex types become structs.
#ifndef CLINIC_CLAPACK_SHIM_H
#define CLINIC_CLAPACK_SHIM_H

#define HAVE_LAPACK_CONFIG_H 1
#define LAPACK_COMPLEX_STRUCTURE 1

#include <cblas.h>
#include <lapacke.h>

#endif
