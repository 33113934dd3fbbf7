import ClinicData
import ClinicIngest
import Foundation
import Testing
@testable import ClinicStore

@Suite("Store")
struct ClinicDatabaseTests {
    func temporaryDatabase() throws -> ClinicDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clinic-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try ClinicDatabase(path: folder.appendingPathComponent("clinic.sqlite").path)
    }

    func extract(_ text: String, name: String) throws -> ClinicDatabase.Extract {
        let reading = AggregateReader(asOf: Month(year: 2026, month: 11)!).read(try CSVSource(data: Data(text.utf8), file: name))
        return .init(reading: reading, name: name, sha256: SHA256.hex(Array(text.utf8)))
    }

    @Test func sha256MatchesTheFIPSVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func revisionsAreKeptAndReingestingIsANoOp() throws {
        let db = try temporaryDatabase()
        let january = try extract("month,metric,value\n2015-01,lac,100\n2015-02,lac,101\n2015-03,ppo,c\n", name: "jan.csv")
        let first = try db.ingest([january])
        #expect(first == [.init(name: "jan.csv", sha256: january.sha256, extractID: 1, alreadyIngested: false, inserted: 3, revised: 0, unchanged: 0)])
        // The February extract revises 2015-02, unsuppresses 2015-03, repeats 2015-01 and adds 2015-04.
        let february = try extract("month,metric,value\n2015-01,lac,100\n2015-02,lac,99\n2015-03,ppo,4\n2015-04,lac,98\n", name: "feb.csv")
        let second = try db.ingest([february, january])
        #expect(second[0] == .init(name: "feb.csv", sha256: february.sha256, extractID: 2, alreadyIngested: false, inserted: 1, revised: 2, unchanged: 1))
        #expect(second[1].alreadyIngested && second[1].extractID == 1)
        let revisions = try db.revisions()
        #expect(revisions.count == 2)
        #expect(revisions[0] == .init(key: SeriesKey(area: "", metric: "lac"), month: Month(year: 2015, month: 2)!,
                                      oldValue: 101, oldStatus: "observed", oldExtract: 1, newValue: 99, newStatus: "observed", newExtract: 2))
        #expect(revisions[1].oldStatus == "suppressed" && revisions[1].oldValue == nil && revisions[1].newValue == 4)
        let extracts = try db.extracts()
        #expect(extracts.map(\.name) == ["jan.csv", "feb.csv"])
        #expect(extracts[1].revised == 2 && extracts[1].inserted == 1 && extracts[1].unchanged == 1)
        let panel = try db.panel()
        #expect(panel.keys.map(\.metric) == ["lac", "ppo"])
        let lac = panel.series(0).values
        #expect(lac[0] == 100 && lac[1] == 99 && lac[2].isNaN && lac[3] == 98)
        #expect(panel.series(0).status == [.observed, .observed, .missing, .observed])
        #expect(panel.series(1).value(at: Month(year: 2015, month: 3)!) == 4)
    }

    @Test func dimensionsAndMarkersRoundTrip() throws {
        let db = try temporaryDatabase()
        _ = try db.ingest([try extract("month,area,metric,age_band,sex,value\n2016-05,E09000001,lac,10-15,F,[c]\n2016-06,E09000001,lac,10-15,F,7\n", name: "d.csv")])
        let series = try db.panel().series(0)
        #expect(series.key == SeriesKey(area: "E09000001", metric: "lac", dimensions: [("sex", "F"), ("age_band", "10-15")]))
        #expect(series.markers == [0: "[c]"] && series.status == [.suppressed, .observed])
    }

    @Test func reopeningKeepsDataAndSchema() throws {
        let db = try temporaryDatabase()
        _ = try db.ingest([try extract("month,metric,value\n2015-01,lac,1\n2015-02,lac,2\n", name: "a.csv")])
        let again = try ClinicDatabase(path: db.path)
        #expect(try again.extracts().count == 1)
        #expect(try again.panel().series(0).values == [1, 2])
    }
}
