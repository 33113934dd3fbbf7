import Foundation
import Testing
@testable import ClinicNumerics

/// The read-write lock: writers exclude everyone, so increments made under it from several threads at
/// once are all kept, and a reader never sees a half-made pair of values. Each writer holds the pair
/// unequal across a short stretch of work, so a lock that let a reader or a second writer in would be
/// caught in the act (with `reading` taking no lock, or `writing` taking it for reading, torn pairs or
/// lost increments showed in every run tried).
@Suite("Read-write lock")
struct ReadWriteLockTests {
    final class Pair: @unchecked Sendable {
        var a = 0, b = 0
    }

    /// Work the optimiser cannot remove, to widen the window in which a writer holds `a ≠ b`.
    static func busy(_ n: Int) -> Int {
        var x = n
        for i in 0..<200 { x = x &* 6_364_136_223_846_793_005 &+ i }
        return x
    }

    @Test func writersExcludeReadersAndEachOther() {
        let lock = ReadWriteLock()
        let pair = Pair()
        let seen = Pair()   // `a`: torn pairs seen by readers; `b`: work results, kept so the work stays
        let rounds = 40_000
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            var sink = 0
            var torn = 0
            for i in 0..<rounds {
                if (i + worker) % 4 == 0 {
                    lock.writing {
                        let a = pair.a
                        sink &+= Self.busy(a)
                        pair.a = a + 1
                        sink &+= Self.busy(i)
                        pair.b += 1
                    }
                } else {
                    let (a, b) = lock.reading { () -> (Int, Int) in
                        let a = pair.a
                        sink &+= Self.busy(a)
                        return (a, pair.b)
                    }
                    if a != b { torn += 1 }
                }
            }
            lock.writing {
                seen.a += torn
                seen.b &+= sink
            }
        }
        #expect(pair.a == rounds && pair.b == pair.a, "\(pair.a), \(pair.b)")
        #expect(seen.a == 0, "\(seen.a) torn pairs")
    }
}
