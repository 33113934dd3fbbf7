/// Finds an episode by child and start day, for merging episodes repeated across years' files.
///
/// Each child's episodes are chained (the child's latest episode first), so a lookup walks the few
/// episodes of one child in small arrays (a few bytes per child and per episode) instead of probing a
/// table over every episode: on 1.25 million rows that is the difference between mostly cache hits and
/// mostly misses. A child with more than ``chainLimit`` episodes is looked up in a hash table instead,
/// so a pathological file costs no more than hashing.
struct EpisodeIndex {
    static let chainLimit = 32
    /// Each child's latest episode position (-1: none), by `childID`.
    private var first: [Int32] = []
    /// Each child's number of episodes.
    private var count: [Int32] = []
    /// The child's episode before this one (-1: none), and the start day, by episode position.
    private var next: [Int32] = []
    private var start: [Int32] = []
    /// Episodes of children with more than ``chainLimit`` episodes, by (child, start).
    private var many = KeyTable()

    /// Makes room for children `0..<children` and `episodes` positions in all.
    mutating func reserve(children: Int, episodes: Int) {
        if first.count < children {
            first.append(contentsOf: repeatElement(-1, count: children - first.count))
            count.append(contentsOf: repeatElement(0, count: children - count.count))
        }
        next.reserveCapacity(episodes)
        start.reserveCapacity(episodes)
    }

    /// The position of child `c`'s episode starting on day `day`, if any.
    func find(child c: Int32, start day: Int32) -> Int? {
        let c = Int(c)
        guard c < first.count else { return nil }
        if count[c] > Self.chainLimit { return many.value(Self.key(c), UInt64(UInt32(bitPattern: day))).map(Int.init) }
        var p = first[c]
        while p >= 0 {
            if start[Int(p)] == day { return Int(p) }
            p = next[Int(p)]
        }
        return nil
    }

    /// Notes that the episode at `position` (the next position: positions are added in order) is child
    /// `c`'s, starting on `day`. Call ``reserve(children:episodes:)`` first.
    mutating func insert(child c: Int32, start day: Int32, position: Int) {
        precondition(position == next.count, "episodes are indexed in order")
        let ci = Int(c)
        next.append(first[ci])
        start.append(day)
        first[ci] = Int32(position)
        count[ci] += 1
        if count[ci] == Self.chainLimit + 1 {
            // The child moves to the hash table: all its episodes so far.
            var p = first[ci]
            while p >= 0 { _ = many.value(Self.key(ci), UInt64(UInt32(bitPattern: start[Int(p)])), orInsert: p); p = next[Int(p)] }
        } else if count[ci] > Self.chainLimit + 1 {
            _ = many.value(Self.key(ci), UInt64(UInt32(bitPattern: day)), orInsert: Int32(position))
        }
    }

    private static func key(_ c: Int) -> UInt64 { UInt64(c) }
}
