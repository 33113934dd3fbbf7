import ClinicData
import ClinicNumerics
/// The child-level record tables Clinic recognises (docs/DOMAIN.md). Their headers are exact: these are
/// strict formats.
public enum RecordFileKind: String, Sendable, CaseIterable {
    case ssda903Header = "SSDA903 Header"
    case ssda903Episodes = "SSDA903 Episodes"
    case ssda903Missing = "SSDA903 Missing"
    /// Unaccompanied asylum-seeking children: each child with the status, and the date it ceased (DUC,
    /// blank while it lasts).
    case ssda903UASC = "SSDA903 UASC"
    case cinReferrals = "CIN referrals"

    /// The exact columns, in the order the return specifies.
    public var columns: [String] {
        switch self {
        case .ssda903Header: return ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
        case .ssda903Episodes: return ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                                       "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]
        case .ssda903Missing: return ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]
        case .ssda903UASC: return ["CHILD", "SEX", "DOB", "DUC"]
        case .cinReferrals: return ["LAchildID", "CINdetailsID", "CINreferralDate", "ReferralSource", "PrimaryNeedCode",
                                    "CINclosureDate", "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA"]
        }
    }

    /// Columns that identify the table when present together.
    var keyColumns: [String] {
        switch self {
        case .ssda903Header: return ["CHILD", "SEX", "DOB", "ETHNIC"]
        case .ssda903Episodes: return ["CHILD", "DECOM", "RNE", "LS"]
        case .ssda903Missing: return ["CHILD", "MISSING", "MIS_START"]
        case .ssda903UASC: return ["CHILD", "DUC"]
        case .cinReferrals: return ["LAchildID", "CINreferralDate"]
        }
    }

    static func recognise(_ header: [String]) -> RecordFileKind? {
        let names = Set(header.map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        return allCases.first { kind in kind.keyColumns.allSatisfy { names.contains($0.uppercased()) } }
    }

    /// Every column present, none unknown, none twice (case-insensitive).
    func checkHeader(_ header: [String], file: String) throws {
        let expected = columns.map { $0.uppercased() }
        let got = header.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        if let j = got.indices.first(where: { !expected.contains(got[$0]) }) {
            throw Diagnostic(file: file, line: 1, code: "unknown_column",
                             message: "\"\(header[j])\" is not a column of the \(rawValue) table, whose columns are \(columns.joined(separator: ","))")
        }
        if let missing = expected.indices.first(where: { !got.contains(expected[$0]) }) {
            throw Diagnostic(file: file, line: 1, code: "missing_column",
                             message: "the \(rawValue) table needs the column \(columns[missing])")
        }
        var seen = Set<String>()
        if let j = got.indices.first(where: { !seen.insert(got[$0]).inserted }) {
            throw Diagnostic(file: file, line: 1, code: "duplicate_column", message: "the header names \"\(header[j])\" twice")
        }
    }
}

import Foundation
