import Foundation
import Testing
@testable import ClinicMeasures
@testable import ClinicIngest
@testable import ClinicData
import ClinicSeeds

/// Reading record files from their bytes (``RecordTable``): every spelling the text rules accept reads
/// the same, values the byte paths do not cover take the text path with the same diagnostics, episodes
/// merge across files exactly as a dictionary keyed by (child, start) merges them, however the files
/// are added, and a file that cannot be read adds nothing.
@Suite("Reading record files from bytes")
struct RecordReadingTests {
    static let episodesHeader = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"

    func source(_ text: String, _ file: String) throws -> CSVSource { try CSVSource(data: Data(text.utf8), file: file) }

    /// What an episode says, without where it was read.
    func content(_ e: ChildRecords.Episode, of r: ChildRecords) -> String {
        "\(r.children[Int(e.childID)])|\(e.start)|\(e.reasonNewEpisode)|\(e.legalStatus)|\(e.placement)|\(e.end?.description ?? "-")|\(e.reasonCeased ?? "-")"
    }

    /// The sizes the memory of a million episodes rests on (docs/performance.md, "Records in 64 bytes").
    @Test func recordsKeepTheirCompactLayout() {
        #expect(MemoryLayout<ChildRecords.Episode>.stride == 64)
        #expect(MemoryLayout<ChildRecords.MissingEpisode>.stride == 24)
        #expect(MemoryLayout<RecordTable.EpisodeRow>.stride == 24)
        #expect(MemoryLayout<RecordCode>.stride == 8)
    }

    /// A code holds 1 to 8 ASCII bytes and spells itself back; a seed with a longer code is refused.
    @Test func codesRoundTripAndLongCodesAreRefused() throws {
        for text in ["S", "C2", "E4A", "ABCDEFGH"] { #expect(RecordCode(text)?.text == text) }
        for text in ["", "ABCDEFGHI", "£"] { #expect(RecordCode(text) == nil) }
        let v3 = "V3"
        #expect(RecordCode(v3) == .v3 && RecordCode(v3) != .v4)
        let seed = SeedTable(file: "codes.csv", columns: ["table", "field", "code", "label"],
                             cells: ["ssda903_episodes", "LS", "LONGERTHAN8", "A code too long"])
        #expect(throws: Diagnostic.self) { try RecordCodes(seed) }
    }

    /// The same rows spelled as a person or another system might write them: spaces and tabs around
    /// values, quotes, lower-case codes, ISO and one-digit dates, identifiers longer than 16 bytes, an
    /// identifier with a quote written quoted (`""`) and unquoted. Each pair must read as one child and
    /// one episode, and the second file's rows must all merge into the first's.
    @Test func spellingsOfTheSameRowReadAlike() throws {
        let plain = Self.episodesHeader + """
            A1,01/02/2020,S,C2,N1,U1,PR1,10/03/2020,E13,,,,
            CHILD-IDENTIFIER-000001,05/06/2019,S,V2,N1,K2,PR1,,,,,,
            B"2,07/08/2018,P,L1,N1,U4,PR1,08/08/2018,E8,,,,
            42,01/01/2021,S,C1,N1,R1,PR1,,,,,,
            """
        let respelled = Self.episodesHeader + """
             A1\t,"01/02/2020",s, c2 ,N1,u1,PR1,2020-03-10,e13,,,,
            "CHILD-IDENTIFIER-000001",5/6/2019,S,v2,N1,k2,PR1,,,,,,
            "B""2",07/08/2018,p,l1,N1,U4,PR1, 08/08/2018 ,E8,,,,
            "42",2021-01-01,S,C1,N1,r1,PR1,,,,,,
            """
        var r = ChildRecords()
        try r.add(source(plain, "plain.csv"), kind: .ssda903Episodes)
        let before = r.episodes.map { content($0, of: r) }
        #expect(r.diagnostics.isEmpty && before.count == 4)
        #expect(before.contains("B\"2|07/08/2018|P|L1|U4|08/08/2018|E8"))
        try r.add(source(respelled, "respelled.csv"), kind: .ssda903Episodes)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(r.mergedEpisodes == 4 && r.mergedWithinFile == 0)
        #expect(r.episodes.map { content($0, of: r) } == before)
        #expect(r.children == ["A1", "CHILD-IDENTIFIER-000001", "B\"2", "42"])
        // The ended rows of the second file are kept (an ended row replaces), so they come from it.
        #expect(r.episodes.map(r.file(of:)) == ["respelled.csv", "respelled.csv", "respelled.csv", "respelled.csv"])
        #expect(r.episodes.map(\.line) == [2, 3, 4, 5])
    }

    /// Values the byte paths cannot match take the text path: the diagnostics name the value as written
    /// (trimmed) at its line and column.
    @Test func valuesOffTheBytePathsAreCheckedAsText() throws {
        let text = Self.episodesHeader + """
            1,01/02/2020,S,zz,N1,U1,PR1,,,,,,
            2,01/02/2020,S,ABCDEFGHIJ,N1,U1,PR1,,,,,,
            3,31/02/2020,S,C2,N1,U1,PR1,,,,,,
            \t ,01/02/2020,S,C2,N1,U1,PR1,,,,,,
            5,01/02/2020,S,C2,N1,"U""1",PR1,,,,,,
            6,1/13/2020,S,C2,N1,U1,PR1,,,,,,
            7,01/02/2020,S,C2,N1,U1,PR1,2020-02-30,E13,,,,
            """
        var r = ChildRecords()
        try r.add(source(text, "e.csv"), kind: .ssda903Episodes)
        let located = r.diagnostics.map { "\($0.line!):\($0.column!) \($0.code)" }
        #expect(located == ["2:16 bad_code", "3:16 bad_code", "4:3 bad_date", "5:1 missing_child", "6:22 bad_code", "7:3 bad_date",
                            "8:29 bad_date"])
        #expect(r.diagnostics[0].message.hasPrefix("LS \"zz\" is not a valid code (valid: C1, C2,"))
        #expect(r.diagnostics[4].message.hasPrefix("PLACE \"U\"1\" is not a valid code"))
        #expect(r.diagnostics[6].message.hasPrefix("DEC \"2020-02-30\" is not a date"))
        #expect(r.rowsRejected == 7 && r.episodes.isEmpty)
    }

    /// A file that cannot be read as a table is an error at its line and column, and none of the files
    /// given with it is added.
    @Test func aFileThatCannotBeReadAddsNothing() throws {
        let good = try source(Self.episodesHeader + "1,01/02/2020,S,C2,N1,U1,PR1,,,,,,\n", "good.csv")
        let ragged = try source(Self.episodesHeader + "1,01/02/2020,S,C2,N1,U1,PR1,,,,,,\n2,01/02/2020,S,C2,N1,U1,PR1,,,,,,,x\n", "ragged.csv")
        var r = ChildRecords()
        #expect(throws: Diagnostic.self) { try r.add([(good, .ssda903Episodes), (ragged, .ssda903Episodes)]) }
        do {
            try r.add([(good, .ssda903Episodes), (ragged, .ssda903Episodes)])
        } catch let d as Diagnostic {
            #expect(d.file == "ragged.csv" && d.line == 3 && d.column == 35 && d.code == "ragged_row")
        }
        #expect(r.episodes.isEmpty && r.rowsRead == 0 && r.children.isEmpty && r.diagnostics.isEmpty)
        let noColumn = try source("CHILD,DECOM,RNE\n1,01/02/2020,S\n", "short.csv")
        #expect(throws: Diagnostic.self) { try r.add(noColumn, kind: .ssda903Episodes) }
    }

    /// Random years' files with repeated episodes (the same child and start, ended or not, within a file
    /// and across files; one child with more episodes than ``EpisodeIndex/chainLimit``): read all at
    /// once, one at a time, or after a cut (``ChildRecords/known(atEndOf:)``), the episodes are those of a
    /// plain dictionary merge written here — the first row's place, the last ended row's (or the last
    /// row's while none has ended) content — and the merge counts agree.
    @Test func episodesMergeAsADictionaryMergeHoweverTheFilesAreAdded() throws {
        for round in 0..<6 {
            var rng = SplitMix(seed: UInt64(round) &* 0x9E37_79B9 &+ 11)
            var files = [(name: String, rows: [(child: String, start: Day, end: Day?)])]()
            for f in 0..<4 {
                var rows = [(child: String, start: Day, end: Day?)]()
                for _ in 0..<(150 + Int(rng.next() % 100)) {
                    let long = rng.next() % 5 == 0
                    let child = long ? "LONG-CHILD-IDENTIFIER-\(rng.next() % 40)" : "\(rng.next() % 60)"
                    let start = Day(index: 18_000 + Int32(rng.next() % 30))
                    let end: Day? = rng.next() % 2 == 0 ? nil : Day(index: start.index + 1 + Int32(rng.next() % 50))
                    rows.append((child, start, end))
                }
                if round % 2 == 0 {
                    // One child with many episodes, in every file.
                    for k in 0..<(EpisodeIndex.chainLimit + 20) {
                        rows.append(("MANY", Day(index: 17_000 + Int32(k * 3)), rng.next() % 3 == 0 ? nil : Day(index: 17_001 + Int32(k * 3))))
                    }
                }
                rows.shuffle(using: &rng)
                files.append(("episodes_\(f).csv", rows))
            }
            func text(_ rows: [(child: String, start: Day, end: Day?)]) -> String {
                Self.episodesHeader + rows.map { "\($0.child),\($0.start),S,C2,N1,U1,PR1,\($0.end?.description ?? ""),\($0.end == nil ? "" : "E13"),,,,\n" }.joined()
            }
            // The oracle.
            var order = [String](), kept = [String: (file: String, line: Int, end: Day?)]()
            var merged = 0, within = 0
            for (name, rows) in files {
                for (i, row) in rows.enumerated() {
                    let key = "\(row.child)|\(row.start)"
                    if let old = kept[key] {
                        merged += 1
                        if old.file == name { within += 1 }
                        if old.end == nil || row.end != nil { kept[key] = (name, i + 2, row.end) }
                    } else {
                        order.append(key)
                        kept[key] = (name, i + 2, row.end)
                    }
                }
            }
            let expected = order.map { key in "\(key)|\(kept[key]!.file):\(kept[key]!.line)|\(kept[key]!.end?.description ?? "-")" }
            /// The first episode (position: got / expected) that differs from the oracle's, or nil.
            func difference(_ r: ChildRecords) -> String? {
                let got = r.episodes.map { "\(r.children[Int($0.childID)])|\($0.start)|\(r.file(of: $0)):\($0.line)|\($0.end?.description ?? "-")" }
                guard let k = (0..<max(got.count, expected.count)).first(where: { $0 >= got.count || $0 >= expected.count || got[$0] != expected[$0] })
                else { return nil }
                return "\(k): \(k < got.count ? got[k] : "none") / \(k < expected.count ? expected[k] : "none")"
            }

            var atOnce = ChildRecords()
            try atOnce.add(files.map { (try source(text($0.rows), $0.name), RecordFileKind.ssda903Episodes) })
            #expect(difference(atOnce) == nil)
            #expect(atOnce.mergedEpisodes == merged && atOnce.mergedWithinFile == within)

            var oneByOne = ChildRecords()
            for file in files { try oneByOne.add(source(text(file.rows), file.name), kind: .ssda903Episodes) }
            #expect(difference(oneByOne) == nil)
            #expect(oneByOne.mergedEpisodes == merged && oneByOne.mergedWithinFile == within)

            // A cut far in the future keeps every episode; files added to it merge as before.
            var cut = ChildRecords()
            try cut.add(source(text(files[0].rows), files[0].name), kind: .ssda903Episodes)
            cut = cut.known(atEndOf: Month(year: 2100, month: 1)!)
            try cut.add(files.dropFirst().map { (try source(text($0.rows), $0.name), RecordFileKind.ssda903Episodes) })
            #expect(difference(cut) == nil)
        }
    }
}

/// A small seeded generator (SplitMix64), so the random files are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
