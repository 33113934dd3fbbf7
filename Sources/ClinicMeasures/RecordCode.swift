/// A code from an SSDA903 or CIN code list (LS `C2`, PLACE `U1`, REC `E4A`, MISSING `M`), held as its
/// bytes in one integer: eight bytes a value, no text and no reference count, so a record set of a
/// million episodes holds its codes in a few megabytes.
///
/// A code is 1 to 8 ASCII bytes without NUL, upper case as the seed spells it (``RecordCodes`` refuses a
/// seed with any other code, so every valid code fits). Compare with a literal (`episode.legalStatus ==
/// "V3"`); ``text`` spells it out.
public struct RecordCode: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The bytes, first byte lowest; zero padding after the last (unambiguous: no code holds a NUL).
    public let packed: UInt64

    /// The code `text` spells, or nil when it is empty, longer than 8 bytes, not ASCII or holds a NUL.
    /// Letters are kept as given (codes are stored upper case already).
    public init?(_ text: String) {
        var packed: UInt64 = 0, count = 0
        for byte in text.utf8 {
            guard byte != 0, byte < 0x80, count < 8 else { return nil }
            packed |= UInt64(byte) << (8 * UInt64(count))
            count += 1
        }
        guard count > 0 else { return nil }
        self.packed = packed
    }

    /// The code whose bytes ``packed`` holds (nonzero, as read from another code).
    init(packed: UInt64) {
        self.packed = packed
    }

    /// A literal code; it must be 1 to 8 ASCII bytes.
    public init(stringLiteral value: String) {
        guard let code = RecordCode(value) else { preconditionFailure("not a record code: \(value)") }
        self = code
    }

    /// The code as text (a short string: no allocation).
    public var text: String {
        let count = (64 - packed.leadingZeroBitCount + 7) / 8
        return String(unsafeUninitializedCapacity: count) { buffer in
            for i in 0..<count { buffer[i] = UInt8(truncatingIfNeeded: packed >> (8 * UInt64(i))) }
            return count
        }
    }

    public var description: String { text }
}

extension RecordCode {
    /// The codes the measures test in their loops, made once.
    /// RNE S: started to be looked after.
    public static let started: RecordCode = "S"
    /// LS V3 and V4: short breaks, left out of every looked-after measure.
    public static let v3: RecordCode = "V3", v4: RecordCode = "V4"
    /// LS L1: under police protection and in local authority accommodation.
    public static let l1: RecordCode = "L1"
    /// REC X1: the episode ceased and a new one began the same day (the period of care goes on).
    public static let x1: RecordCode = "X1"
    /// MISSING M: missing (not away without authorisation, A).
    public static let missing: RecordCode = "M"
}
