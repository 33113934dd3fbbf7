#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock that many readers hold at once and a writer holds alone (POSIX `pthread_rwlock_t`).
///
/// For caches that are read far more often than written: the trend designs shared by a national batch
/// are looked up about ten times a series by both threads and stored a few dozen times in all. Behind a
/// mutex those lookups kept the two threads waking each other through the kernel (futex waits and wakes
/// were most of the planning phase's time); readers of a read-write lock never wait for each other.
package final class ReadWriteLock: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    package init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        precondition(pthread_rwlock_init(lock, nil) == 0, "pthread_rwlock_init failed")
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// `body` with the lock held for reading (other readers may hold it too).
    package func reading<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    /// `body` with the lock held alone.
    package func writing<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}
