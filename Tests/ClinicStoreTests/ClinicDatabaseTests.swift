import ClinicData
import ClinicIngest
import ClinicTestSupport
import Foundation
import Testing
@testable import ClinicStore

@Suite("Store")
struct ClinicDatabaseTests {
    func temporaryDatabase() throws -> ClinicDatabase {
        let folder = try ScratchFolder.make("store")
        return try ClinicDatabase(path: folder.appendingPathComponent("clinic.sqlite").path, access: .write)
    }

    func extract(_ text: String, name: String) throws -> ClinicDatabase.Extract { try Self.extractOf(text, name: name) }

    static func extractOf(_ text: String, name: String) throws -> ClinicDatabase.Extract {
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

/// Dimensions are stored as canonical JSON (``DimensionKey``): values with `;` or `=` stay one series each,
/// and a store written with the old `name=value;…` text is migrated and reads back the same.
@Suite("Store: dimensions")
struct StoreDimensionTests {
    @Test func valuesWithSeparatorsStayDistinctSeries() throws {
        let folder = try ScratchFolder.make("store")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try ClinicDatabase(path: folder.appendingPathComponent("clinic.sqlite").path, access: .write)
        // One series whose value holds `;b=y` and one with two dimensions: the old text was `a=x;b=y` for both.
        let one = try ClinicDatabaseTests.extractOf("month,metric,a,value\n2015-01,lac,x;b=y,1\n2015-02,lac,x;b=y,2\n", name: "one.csv")
        let two = try ClinicDatabaseTests.extractOf("month,metric,a,b,value\n2015-01,lac,x,y,3\n2015-02,lac,x,y,4\n", name: "two.csv")
        let three = try ClinicDatabaseTests.extractOf("month,metric,ethnicity,value\n2015-01,lac,\"Mixed; White and Asian\",5\n2015-01,lac,\"q\"\"\\\\\u{7}\",6\n",
                                                  name: "three.csv")
        let outcomes = try db.ingest([one, two, three])
        #expect(outcomes.map(\.inserted) == [2, 2, 2] && outcomes.map(\.revised) == [0, 0, 0])
        #expect(try db.revisions().isEmpty)
        let panel = try db.panel()
        var found = [String: [Double]]()
        for (j, key) in panel.keys.enumerated() {
            found[key.dimensions.map { "\($0.name)→\($0.value)" }.joined(separator: " | ")] = panel.series(j).values.filter { !$0.isNaN }
        }
        #expect(found == ["a→x;b=y": [1, 2], "a→x | b→y": [3, 4], "ethnicity→Mixed; White and Asian": [5], "ethnicity→q\"\\\\\u{7}": [6]])
    }

    /// Tests/Fixtures/store/v1.sqlite was written by the version before (its README says how): opened now,
    /// it is migrated and gives the same series, values and revision as that version printed.
    @Test func aVersion1StoreIsMigratedAndReadsBackTheSame() throws {
        let folder = try ScratchFolder.make("store")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("v1.sqlite").path
        try FileManager.default.copyItem(atPath: Fixtures.url("store/v1.sqlite").path, toPath: path)
        let db = try ClinicDatabase(path: path, access: .write)
        let panel = try db.panel()
        var found = [String: [Double]]()
        for (j, key) in panel.keys.enumerated() {
            found["\(key.area) \(key.metric) " + key.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ",")] = panel.series(j).values.filter { !$0.isNaN }
        }
        #expect(found == ["E1 cin ": [40, 41], "E1 lac age=0-4,sex=F": [3, 6], "E1 lac age=10 to 15,sex=M": [5], "E1 ppo band=a=b": [7, 8]])
        let revisions = try db.revisions()
        #expect(revisions.count == 1 && revisions[0].oldValue == 4 && revisions[0].newValue == 6)
        #expect(revisions.first?.key.dimensions.map(\.value) == ["0-4", "F"])
        #expect(try db.extracts().map(\.name) == ["a.csv", "b.csv", "c.csv", "d.csv"])
        // Opening it again finds it migrated and changes nothing.
        #expect(try ClinicDatabase(path: path).panel().keys == panel.keys)
    }
}
