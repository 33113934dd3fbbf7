import Foundation

/// Data-parallel loops over the cores, with results in index order.
package enum Parallel {
    /// `body(0) … body(count − 1)`, run concurrently (Dispatch's `concurrentPerform`), results in index
    /// order. `body` must not depend on the order or number of threads.
    package static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.store(i, body(i)) }
        return slots.all
    }

    /// One slot per iteration, each written once, behind a lock.
    private final class Slots<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [T?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func store(_ i: Int, _ value: T) { lock.withLock { values[i] = value } }
        var all: [T] { lock.withLock { values.map { $0! } } }
    }
}
