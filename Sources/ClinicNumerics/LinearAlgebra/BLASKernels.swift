import CLapack
import Foundation

/// Which of OpenBLAS's kernels this process runs, and the remedy when the library is older than the CPU.
///
/// Debian's OpenBLAS is built for every x86-64 CPU it knew of (DYNAMIC_ARCH) and picks its kernels when
/// it is loaded. A CPU newer than the library (on the project machine, an Emerald Rapids Xeon with
/// OpenBLAS 0.3.21) is not recognised and gets the generic "Prescott" (SSE3) kernels: the batched fit
/// then runs slower and a large dgemm reaches well under half of what the CPU can do. The
/// only way to choose other kernels is `OPENBLAS_CORETYPE`, read once as the library loads, so
/// ``reexecutingWithFasterKernelsIfNeeded()`` starts the program again with it set. Results differ from
/// the generic kernels' only in the last bits (a different order of the same floating-point sums).
public enum BLASKernels {
    /// The name OpenBLAS gives the kernels it chose ("Haswell", "SkylakeX", "Prescott", …).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// What OpenBLAS calls the generic kernels it falls back to on a CPU it does not know.
    static let genericCore = "Prescott"

    /// The kernels to ask for on a CPU with these `/proc/cpuinfo` flags when OpenBLAS fell back to
    /// generic ones: SkylakeX's on a CPU with the AVX-512 subsets they use (F, CD, BW, DQ, VL), else
    /// Haswell's (AVX2 and FMA). Only the AVX-512 kernels have OpenBLAS's small-matrix GEMMs, which the
    /// batched fit's blocks take (``BatchedLinearModel``): on an AVX-512 machine that OpenBLAS knows, the
    /// 60,000-series fit ran in 9.2–10.5 ms with SkylakeX's or Cooperlake's kernels and 11.6–13.4 ms
    /// with Haswell's (2026-12-06). (Haswell's were the faster before the fit's GEMM took that path, on the
    /// machine that falls back; SkylakeX's have not been timed there since.) Nil when the CPU lacks AVX2
    /// or FMA, or when OpenBLAS did not fall back.
    public static func preferredCoreType(chosen: String, cpuFlags: Set<String>) -> String? {
        guard chosen == genericCore, cpuFlags.contains("avx2"), cpuFlags.contains("fma") else { return nil }
        let skylakeX: Set<String> = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        return skylakeX.isSubset(of: cpuFlags) ? "SkylakeX" : "Haswell"
    }

    /// Runs this program again (same pid, arguments and open files) with `OPENBLAS_CORETYPE` set, when
    /// OpenBLAS fell back to generic kernels on a CPU that has better ones and the variable is not set
    /// already (so it happens at most once, and a user's own setting always wins). Linux only; if the
    /// program cannot be started again, it carries on with the generic kernels.
    public static func reexecutingWithFasterKernelsIfNeeded() {
        #if os(Linux)
        // The kernel name is one call; /proc/cpuinfo is read only when OpenBLAS did fall back, so a CPU
        // OpenBLAS knows costs the start-up nothing.
        let chosen = coreName
        guard chosen == genericCore, ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let core = preferredCoreType(chosen: chosen, cpuFlags: Set(flagsLine.split(separator: " ").map(String.init)))
        else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        // Only reached when execv failed: go on as we are, without pretending the variable took effect.
        unsetenv("OPENBLAS_CORETYPE")
        #endif
    }
}
