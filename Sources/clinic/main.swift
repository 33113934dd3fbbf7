import ClinicNumerics

// Series run on every core; OpenBLAS's own threads would only spin beside them (BLASThreads).
BLASThreads.singleThreadedProcess()
// OpenBLAS older than the CPU runs generic kernels; start again with faster ones (BLASKernels).
BLASKernels.reexecutingWithFasterKernelsIfNeeded()
ExitStatus.runAndExit()
