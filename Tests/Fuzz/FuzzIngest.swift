// libFuzzer entry point for the ingest path: the byte-level tokenizer, the month and value parsers, the
// aggregate reader and the record-file reader, fed arbitrary bytes. Built by Tests/Fuzz/run.sh together
// with the sources of ClinicIngest, ClinicMeasures and the modules they depend on (ClinicData,
// ClinicNumerics, ClinicSeeds) into one module
// (so internal and `package` API is reachable, and no `import` of them is needed); not part of the
// SwiftPM package.
//
// Properties checked on every input (a violation traps, which libFuzzer reports with the input):
// - nothing crashes, hangs or reads out of bounds (AddressSanitizer is on);
// - the reader's books balance: values = accepted + suppressed + quarantined;
// - the tokenizer either throws a Diagnostic or returns records covering the input;
// - the record reader, given the input as each kind of record file and as the rows of an Episodes
//   table, either throws a Diagnostic (and adds nothing) or counts every row as read, kept or rejected,
//   and the measures derived from what it kept are computed without a crash.
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
    // The record reader: the input as it is (its header decides), and as the rows of an Episodes table.
    let episodesHeader = Data("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n".utf8)
    if let rows = try? CSVSource(data: episodesHeader + bytes, file: "fuzz-episodes.csv") {
        for (input, kinds) in [(source, RecordFileKind.allCases), (rows, [.ssda903Episodes])] {
            for kind in kinds {
                var records = ChildRecords(asOf: Month(year: 2026, month: 11)!)
                do {
                    try records.add(input, kind: kind)
                } catch is Diagnostic {
                    precondition(records.rowsRead == 0 && records.episodes.isEmpty, "a file that failed added rows")
                    continue
                } catch {
                    preconditionFailure("the record reader threw something other than a Diagnostic: \(error)")
                }
                precondition(records.rowsRejected <= records.rowsRead)
                precondition(records.episodes.count + records.mergedEpisodes + records.missing.count + records.referrals.count
                             <= records.rowsRead, "more records than rows")
                _ = records.sequenceWarnings()
                _ = RecordMeasures.monthly(records)
            }
        }
    }
    // The tokenizer alone.
    source.withTokenizer { t in
        var fields = [CSVTokenizer.Field]()
        while let _ = try? t.nextRecord(into: &fields) {
            for f in fields { precondition(f.start <= f.end && f.end <= t.bytes.count) }
        }
    }
    return 0
}
