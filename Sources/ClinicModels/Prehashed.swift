/// A dictionary key with its hash worked out once, when it is made.
///
/// For keys that are costly to hash (arrays of row numbers, term names) and are made on many threads but
/// stored or looked up in one place: the hashing then happens where the work is parallel, and the
/// dictionary only combines one integer. Equal keys have equal hashes, so equality is the key's own.
struct Prehashed<K: Hashable & Sendable>: Hashable, Sendable {
    let key: K
    let hash: Int

    init(_ key: K) {
        self.key = key
        hash = key.hashValue
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    static func == (a: Self, b: Self) -> Bool { a.hash == b.hash && a.key == b.key }
}
