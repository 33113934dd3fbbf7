import ClinicNumerics

// OpenBLAS older than the CPU runs generic kernels; start again with faster ones (BLASKernels).
BLASKernels.reexecutingWithFasterKernelsIfNeeded()
ExitStatus.runAndExit()
