import Foundation
import Testing
@testable import ClinicNumerics

/// The read-write lock: writers exclude everyone, so increments made under it from many threads at once
/// are all kept, and a reader never sees a half-made pair of values.
@Suite("Read-write lock")
struct ReadWriteLockTests {
    final class Pair: @unchecked Sendable {
        var a = 0, b = 0
    }

    @Test func writersExcludeReadersAndEachOther() {
        let lock = ReadWriteLock()
        let pair = Pair()
        let torn = Pair()   // counts readers that saw a ≠ b (guarded by `lock` for writing)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for i in 0..<20_000 {
                if (i + worker) % 4 == 0 {
                    lock.writing {
                        pair.a += 1
                        pair.b += 1
                    }
                } else {
                    let seen = lock.reading { (pair.a, pair.b) }
                    if seen.0 != seen.1 { lock.writing { torn.a += 1 } }
                }
            }
        }
        #expect(pair.a == 8 * 5_000 && pair.b == pair.a)
        #expect(torn.a == 0)
    }
}
