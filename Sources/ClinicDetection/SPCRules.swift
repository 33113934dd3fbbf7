/// The Making Data Count run rules as NHSRplotthedots' helpers compute them, one pass each over a
/// group's points (indices are positions in the group).
enum SPCRules {
    /// +1 (−1) at a point whose six predecessors are on the same side of the centre, above (below) it;
    /// 0 elsewhere. A point on the centre (0) never counts and breaks a run.
    static func sevenOnOneSide(_ relativeToMean: [Int]) -> [Int] {
        relativeToMean.indices.map { i in
            let side = relativeToMean[i]
            guard side != 0, i >= 6 else { return 0 }
            return (1...6).allSatisfy { relativeToMean[i - $0] == side } ? side : 0
        }
    }

    /// +1 at the seventh point of seven each strictly higher than the one before, −1 for strictly lower;
    /// 0 elsewhere (a tie breaks the run).
    static func sevenPointTrend(_ y: [Double]) -> [Int] {
        y.indices.map { i in
            guard i >= 6 else { return 0 }
            if (1...6).allSatisfy({ y[i - $0 + 1] > y[i - $0] }) { return 1 }
            if (1...6).allSatisfy({ y[i - $0 + 1] < y[i - $0] }) { return -1 }
            return 0
        }
    }

    /// A marker at `i` flags the seven points `i − 6 … i`.
    static func partOfSeven(_ markers: [Int]) -> [Bool] {
        markers.indices.map { i in (i..<min(markers.count, i + 7)).contains { markers[$0] != 0 } }
    }

    /// Whether the point is in a window of three (ending at, around or starting at it) whose points are
    /// all on one side of the centre and at least two of which are close to the limits.
    static func twoInThree(close: [Bool], relativeToMean: [Int]) -> [Bool] {
        let n = close.count
        func window(_ first: Int) -> Bool {
            guard first >= 0, first + 2 < n else { return false }
            let closeCount = (first...(first + 2)).filter { close[$0] }.count
            let side = (first...(first + 2)).reduce(0) { $0 + relativeToMean[$1] }
            return closeCount >= 2 && abs(side) == 3
        }
        return (0..<n).map { i in window(i - 2) || window(i - 1) || window(i) }
    }
}
