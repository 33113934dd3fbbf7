// libFuzzer entry point for the ingest path: the byte-level tokenizer, the month and value parsers and
// the aggregate reader, fed arbitrary bytes. Built by Tests/Fuzz/run.sh together with the sources of
// ClinicIngest and the modules it depends on (ClinicData, ClinicNumerics, ClinicSeeds) into one module
// (so internal and `package` API is reachable, and no `import` of them is needed); not part of the
// SwiftPM package.
//
// Properties checked on every input (a violation traps, which libFuzzer reports with the input):
// - nothing crashes, hangs or reads out of bounds (AddressSanitizer is on);
// - the reader's books balance: values = accepted + suppressed + quarantined;
// - the tokenizer either throws a Diagnostic or returns records covering the input.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIngest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    // The cell parsers on the raw bytes.
    bytes.withUnsafeBytes { raw in
        _ = MonthParser.parse(raw)
        _ = CellValue.parse(raw)
    }
    // The whole reader (encoding check, format detection, every validation rule), in one piece and in
    // parallel chunks: both must balance and agree.
    guard let source = try? CSVSource(data: bytes, file: "fuzz.csv") else { return 0 }
    var reader = AggregateReader(asOf: Month(year: 2026, month: 11)!)
    reader.parallelism = 1
    let one = reader.read(source)
    precondition(one.summary.balances, "summary does not balance")
    reader.parallelism = 3
    reader.parallelMinimumBytes = 64
    let chunked = reader.read(source)
    precondition(chunked.summary == one.summary, "chunked read differs")
    precondition(chunked.quarantine == one.quarantine, "chunked quarantine differs")
    // The tokenizer alone.
    source.withTokenizer { t in
        var fields = [CSVTokenizer.Field]()
        while let _ = try? t.nextRecord(into: &fields) {
            for f in fields { precondition(f.start <= f.end && f.end <= t.bytes.count) }
        }
    }
    return 0
}
