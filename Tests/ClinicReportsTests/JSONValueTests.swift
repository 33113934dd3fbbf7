import Foundation
import Testing
import ClinicReports

@Suite("JSON output")
struct JSONValueTests {
    @Test func numbersRoundTripExactly() throws {
        let values: [Double] = [0.1, 1.0 / 3.0, -1467.4896142298, 1e-300, 4.029625e-05, 123456789012345680, 2.5316281865829432e-17]
        let text = JSONValue.array(values.map { .number($0) }).rendered(indent: 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [Double]
        #expect(parsed == values)
    }

    @Test func nonFiniteBecomesNullAndStringsAreEscaped() {
        let doc = JSONValue.object([("a", .number(.nan)), ("b", .number(.infinity)), ("s", .string("q\"\\\n\u{1}")), ("n", .integer(3)), ("x", .number(5))])
        #expect(doc.rendered(indent: 0) == #"{"a":null,"b":null,"s":"q\"\\\n\u0001","n":3,"x":5}"#)
    }

    /// A streamed one-member object is byte for byte the rendered one, empty, one item and several,
    /// pretty and compact.
    @Test func streamingAnObjectOfOneArrayRendersTheSameText() {
        let items: [JSONValue] = [.object([("a", .number(1.5)), ("b", .array([.integer(2), .null]))]), .string("x\"y"), .array([]),
                                  .object([])]
        for n in 0...items.count {
            for indent in [0, 2, 4] {
                var streamed = ""
                JSONValue.streamObject(key: "series", count: n, indent: indent, item: { items[$0] }, emit: { streamed += $0 })
                let whole = JSONValue.object([("series", .array(Array(items.prefix(n))))]).rendered(indent: indent)
                #expect(streamed == whole, "n \(n), indent \(indent)")
                // Rendered in blocks (as `clinic fit` renders them on several cores): the same text.
                for block in [1, 2, 3, 8] {
                    var blocked = [UInt8]()
                    JSONValue.streamObject(key: "series", count: n, indent: indent, block: block,
                                           render: { range in range.map { items[$0].renderedArrayItemText(indent: indent) } },
                                           emit: { blocked += $0 })
                    #expect(String(decoding: blocked, as: UTF8.self) == whole, "n \(n), indent \(indent), block \(block)")
                }
            }
        }
    }
}
