/// A hash table from 128-bit keys (two `UInt64`s) to `Int32` values, for the hot loops of record
/// reading: packed child identifiers, packed codes, (child, start) pairs of episodes.
///
/// Open addressing with linear probing and a multiplicative hash: a lookup is a few integer operations
/// and one or two cache lines, where a `Dictionary` runs SipHash. The hash is not keyed, so a file
/// crafted to collide would read slowly (never wrongly); record files are an authority's own returns.
struct KeyTable {
    /// A key and its value side by side, so that a probe touches one cache line.
    private struct Slot {
        var a: UInt64
        var b: UInt64
        /// -1: empty.
        var value: Int32
    }
    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        slots = Array(repeating: Slot(a: 0, b: 0, value: -1), count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ a: UInt64, _ b: UInt64) -> Int {
        // MurmurHash3's 64-bit finalizer over the two words combined: every key bit reaches the slot bits.
        var h = a ^ (b &* 0x9E37_79B9_7F4A_7C15)
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h) & mask
    }

    /// The value stored for the key, or nil.
    func value(_ a: UInt64, _ b: UInt64) -> Int32? {
        var i = slot(a, b)
        while slots[i].value >= 0 {
            if slots[i].a == a && slots[i].b == b { return slots[i].value }
            i = (i + 1) & mask
        }
        return nil
    }

    /// The value stored for the key; when there is none, `value` is stored and returned.
    /// Values must be ≥ 0 (a negative value marks an empty slot).
    mutating func value(_ a: UInt64, _ b: UInt64, orInsert value: Int32) -> Int32 {
        var i = slot(a, b)
        while slots[i].value >= 0 {
            if slots[i].a == a && slots[i].b == b { return slots[i].value }
            i = (i + 1) & mask
        }
        slots[i] = Slot(a: a, b: b, value: value)
        count += 1
        if count * 4 > slots.count * 3 { resize(to: slots.count * 2) }
        return value
    }

    /// Makes room for `capacity` keys in all without growing again.
    mutating func reserve(_ capacity: Int) {
        var size = slots.count
        while size * 3 < capacity * 4 { size <<= 1 }
        if size > slots.count { resize(to: size) }
    }

    private mutating func resize(to size: Int) {
        var grown = Array(repeating: Slot(a: 0, b: 0, value: -1), count: size)
        mask = size - 1
        // Every key is distinct: each goes to the first empty slot of its probe sequence.
        grown.withUnsafeMutableBufferPointer { to in
            slots.withUnsafeBufferPointer { from in
                for s in from where s.value >= 0 {
                    var i = slot(s.a, s.b)
                    while to[i].value >= 0 { i = (i + 1) & mask }
                    to[i] = s
                }
            }
        }
        slots = grown
    }

    /// Up to 16 bytes packed little-endian into two words; nil for longer. Keys of different lengths
    /// differ as long as no byte is 0 (record files hold no NUL: ``CSVSource`` refuses them).
    @inline(__always)
    static func pack(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        guard bytes.count <= 16 else { return nil }
        var a: UInt64 = 0, b: UInt64 = 0
        for i in 0..<bytes.count {
            if i < 8 { a |= UInt64(bytes[i]) << (8 * UInt64(i)) } else { b |= UInt64(bytes[i]) << (8 * UInt64(i - 8)) }
        }
        return (a, b)
    }
}
