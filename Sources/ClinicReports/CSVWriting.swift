import ClinicData
import ClinicIngest
import ClinicModels
/// Writing CSV text (RFC 4180): a field is quoted when it holds a comma, quote or line break, with
/// quotes doubled, so the file reads back exactly.
public enum CSVWriting {
    public static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }
}

import Foundation
