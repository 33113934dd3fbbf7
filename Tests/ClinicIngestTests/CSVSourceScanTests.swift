import Foundation
import Testing
@testable import ClinicIngest

/// A large file is checked for NUL bytes and broken UTF-8 in two halves at once; what is found must be
/// what a scan of the whole file from its start finds, wherever the halves meet. (Halves are asked for,
/// so that a one-core machine tests them too.)
@Suite("Checking a file's bytes in halves")
struct CSVSourceScanTests {
    /// A buffer past the size that is checked in halves: ASCII lines, `bytes` written from `offset`.
    static func file(_ bytes: [UInt8] = [], at offset: Int = 0) -> Data {
        var buffer = [UInt8](repeating: 0x61, count: CSVSource.parallelMinimumBytes + 4_097)
        for i in stride(from: 99, to: buffer.count, by: 100) { buffer[i] = 0x0A }
        for (k, b) in bytes.enumerated() { buffer[offset + k] = b }
        return Data(buffer)
    }

    static let middle = (CSVSource.parallelMinimumBytes + 4_097) / 2

    @Test func aCharacterAcrossTheMiddleIsWhole() {
        // U+1F600 (4 bytes) and U+20AC € (3 bytes) starting one to three bytes before the middle.
        for start in (Self.middle - 3)...Self.middle {
            let data = Self.file([0xF0, 0x9F, 0x98, 0x80, 0xE2, 0x82, 0xAC], at: start)
            #expect(CSVSource.scan(data, inHalves: true) == (nil, nil), "emoji at \(start)")
            #expect(String(validating: data, as: UTF8.self) != nil)
        }
    }

    @Test func brokenCharactersAtTheMiddleAreFoundWhereTheyStart() {
        // A lone continuation byte at the middle.
        #expect(CSVSource.scan(Self.file([0x80], at: Self.middle), inHalves: true).invalidUTF8 == Self.middle)
        // Three continuation bytes from the middle: the first of them.
        #expect(CSVSource.scan(Self.file([0x80, 0x80, 0x80], at: Self.middle), inHalves: true).invalidUTF8 == Self.middle)
        // A three-byte character cut short: its lead byte two before the middle, ASCII at the middle.
        #expect(CSVSource.scan(Self.file([0xE2, 0x82], at: Self.middle - 2), inHalves: true).invalidUTF8 == Self.middle - 2)
        // A four-byte lead byte just before the middle followed by two continuation bytes and ASCII.
        #expect(CSVSource.scan(Self.file([0xF0, 0x9F, 0x98], at: Self.middle - 1), inHalves: true).invalidUTF8 == Self.middle - 1)
    }

    @Test func theFirstHalfWinsAndTheSecondIsStillSearched() {
        let late = Self.middle + 12_345, early = 777
        #expect(CSVSource.scan(Self.file([0xFF], at: late), inHalves: true).invalidUTF8 == late)
        var both = [UInt8](Self.file([0xFF], at: late))
        both[early] = 0xC0                                                   // overlong lead byte: never valid
        #expect(CSVSource.scan(Data(both), inHalves: true).invalidUTF8 == early)
        #expect(CSVSource.scan(Self.file([0x00], at: late), inHalves: true).nul == late)
        both[early + 1] = 0x00
        both[late + 1] = 0x00
        #expect(CSVSource.scan(Data(both), inHalves: true).nul == early + 1)
        // A surrogate (ED A0 80) in the second half, a word past a 64-byte block's start.
        #expect(CSVSource.scan(Self.file([0xED, 0xA0, 0x80], at: late + 70), inHalves: true).invalidUTF8 == late + 70)
    }

    @Test func aLargeWindows1252FileIsReadWithItsWarningWhereTheByteIs() throws {
        // £ as Windows-1252 (0xA3) at a line start in the second half: the warning points there.
        let offset = Self.middle + 50_000 - (Self.middle + 50_000) % 100    // a line start
        let source = try CSVSource(data: Self.file([0xA3], at: offset), file: "big.csv")
        #expect(source.encodingWarning?.code == "windows_1252")
        #expect(source.encodingWarning?.line == offset / 100 + 1)
        #expect(source.encodingWarning?.column == 1)
    }

    /// The halves agree with one scan of the whole on every placement of a broken byte near the middle.
    @Test func halvesAgreeWithOneScanNearTheMiddle() {
        for bytes: [UInt8] in [[0x80], [0xE2, 0x82], [0xF0, 0x9F], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x00]] {
            for at in (Self.middle - 5)...(Self.middle + 5) {
                let data = Self.file(bytes, at: at)
                #expect(CSVSource.scan(data, inHalves: true) == CSVSource.scan(data, inHalves: false), "\(bytes) at \(at)")
            }
        }
    }
}
