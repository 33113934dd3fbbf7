/// Items (episodes, referrals) grouped by child without text: a counting sort of their positions by
/// `childID`, so the items of child `c` are `positions[start[c]..<start[c + 1]]`, in their original
/// order. Linear in the items and children.
struct ChildGroups {
    /// Positions of the items, child by child.
    let positions: [Int32]
    /// Where each child's positions begin (`children + 1` entries).
    let start: [Int32]

    init(count children: Int, _ childOf: [Int32]) {
        var start = [Int32](repeating: 0, count: children + 1)
        for c in childOf { start[Int(c) + 1] += 1 }
        for c in 0..<children { start[c + 1] += start[c] }
        var next = start
        var positions = [Int32](repeating: 0, count: childOf.count)
        for (i, c) in childOf.enumerated() {
            positions[Int(next[Int(c)])] = Int32(i)
            next[Int(c)] += 1
        }
        self.positions = positions
        self.start = start
    }

    /// The positions of child `c`'s items.
    subscript(c: Int) -> ArraySlice<Int32> { positions[Int(start[c])..<Int(start[c + 1])] }

    var childCount: Int { start.count - 1 }
}
