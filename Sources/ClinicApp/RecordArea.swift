import Foundation

/// The area code that labels the measures derived from record files. SSDA903 and CIN tables carry no
/// area, so it comes from the settings' authority code when there is one, else from the folder the
/// record files sit in when they all sit in one folder named by an area code (`data/records/E99999999/`,
/// as the bundled data and a multi-authority collection lay them out), else it is empty.
enum RecordArea {
    /// An ONS area code: a country letter and eight digits (E08000003, W06000015).
    static func isAreaCode(_ text: String) -> Bool { text.range(of: #"^[EWSN][0-9]{8}$"#, options: .regularExpression) != nil }

    /// `configured` (upper-cased) when given and not empty; else the one folder of `recordFiles` when it
    /// is named by an area code; else "".
    static func code(configured: String?, recordFiles: [String]) -> String {
        if let configured, !configured.isEmpty { return configured.uppercased() }
        let folders = Set(recordFiles.map { ((($0 as NSString).deletingLastPathComponent) as NSString).lastPathComponent.uppercased() })
        guard folders.count == 1, let only = folders.first, isAreaCode(only) else { return "" }
        return only
    }
}
