/// A dense matrix of `Double` stored column-major, the layout BLAS and LAPACK use natively.
///
/// Element `(i, j)` lives at `storage[i + j * rows]`. Column-major storage lets every LAPACK call
/// run without the copies that row-major LAPACKE wrappers make (measured 2.5× slower here).
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements, column after column.
    public package(set) var storage: [Double]

    /// A `rows × columns` matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major storage; `columnMajor.count` must equal `rows * columns`.
    public init(rows: Int, columns: Int, columnMajor: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        precondition(columnMajor.count == rows * columns,
                     "Matrix storage has \(columnMajor.count) elements, expected \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix from its columns, which must all have the same length.
    public init(columns: [[Double]]) {
        let rowCount = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rowCount }, "Matrix columns differ in length")
        self.init(rows: rowCount, columns: columns.count, columnMajor: columns.flatMap { $0 })
    }

    /// A matrix from its rows (convenient in tests and for small literals).
    public init(rowMajor rowArrays: [[Double]]) {
        let columnCount = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columnCount }, "Matrix rows differ in length")
        var m = Matrix(rows: rowArrays.count, columns: columnCount)
        for (i, row) in rowArrays.enumerated() {
            for (j, value) in row.enumerated() { m[i, j] = value }
        }
        self = m
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// Element at row `i`, column `j` (zero-based). The getter is inlined into other modules (the
    /// trend engine reads matrices element by element in its inner loops).
    public subscript(i: Int, j: Int) -> Double {
        @inlinable get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// A copy of column `j`.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { self[i, $0] }
    }

    /// The transpose, as a new matrix.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t[j, i] = self[i, j] }
        }
        return t
    }

    /// The columns at `indices`, in that order, as a new matrix.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = [Double]()
        out.reserveCapacity(rows * indices.count)
        for j in indices { out.append(contentsOf: storage[(j * rows)..<((j + 1) * rows)]) }
        return Matrix(rows: rows, columns: indices.count, columnMajor: out)
    }

    /// The rows at `indices`, in that order, as a new matrix.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var m = Matrix(rows: indices.count, columns: columns)
        for j in 0..<columns {
            for (r, i) in indices.enumerated() { m[r, j] = self[i, j] }
        }
        return m
    }
}
