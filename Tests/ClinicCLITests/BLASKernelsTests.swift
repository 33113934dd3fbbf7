import ClinicNumerics
import Foundation
import Testing

/// `clinic` starts again with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to its generic kernels on a
/// CPU with AVX2 and FMA (BLASKernels), and only then: SkylakeX's kernels with AVX-512, else Haswell's.
@Suite("OpenBLAS kernels")
struct BLASKernelsTests {
    @Test func genericKernelsAreReplacedOnlyWhenTheCPUHasBetterOnes() {
        let avx2: Set<String> = ["sse3", "avx", "avx2", "fma", "avx512f"]       // AVX-512 F alone is not enough
        let modern = avx2.union(["avx512cd", "avx512bw", "avx512dq", "avx512vl"])
        #expect(BLASKernels.preferredCoreType(chosen: "Prescott", cpuFlags: avx2) == "Haswell")
        #expect(BLASKernels.preferredCoreType(chosen: "Prescott", cpuFlags: modern) == "SkylakeX")
        #expect(BLASKernels.preferredCoreType(chosen: "Prescott", cpuFlags: ["sse3", "avx"]) == nil)
        #expect(BLASKernels.preferredCoreType(chosen: "SkylakeX", cpuFlags: modern) == nil)
        #expect(BLASKernels.preferredCoreType(chosen: "Haswell", cpuFlags: modern) == nil)
    }

    /// The binary on this machine: OPENBLAS_VERBOSE=2 makes OpenBLAS name its kernels on stderr each time
    /// it loads, so a restart shows as two lines. What this test process got (it never restarts) says
    /// which outcome to expect here; on the project machine it is the restart.
    @Test func theBinaryRestartsAtMostOnceAndGivesTheSameAnswer() throws {
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") }
            .map { Set($0.split(separator: " ").map(String.init)) } ?? []
        let ownCore = BLASKernels.coreName
        let longley = ClinicProcess.testsFolder.deletingLastPathComponent().appendingPathComponent("data/nist/Longley.csv").path
        let run = try ClinicProcess.run(["regress", longley, "--y", "y"],
                                        environment: ["OPENBLAS_VERBOSE": "2", "OPENBLAS_CORETYPE": nil])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Linear model: y ~ x1 + x2 + x3 + x4 + x5 + x6"))
        let cores = run.stderr.split(separator: "\n").filter { $0.hasPrefix("Core: ") }.map(String.init)
        if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
           let preferred = BLASKernels.preferredCoreType(chosen: ownCore, cpuFlags: flags) {
            #expect(cores == ["Core: \(ownCore)", "Core: \(preferred)"])
        } else {
            #expect(cores.count == 1)
        }
        // A user's own choice is left alone: no restart.
        let chosen = try ClinicProcess.run(["regress", longley, "--y", "y"],
                                           environment: ["OPENBLAS_VERBOSE": "2", "OPENBLAS_CORETYPE": "Prescott"])
        #expect(chosen.stderr.split(separator: "\n").filter { $0.hasPrefix("Core: ") } == ["Core: Prescott"])
        #expect(chosen.stdout == run.stdout)
    }
}
