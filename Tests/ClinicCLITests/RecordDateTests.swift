import ClinicTestSupport
import Foundation
import Testing

/// Dates a record file cannot hold — after the as-of month, before 1900 — are errors at their file, line
/// and column, in `series` and in `validate` alike, and never change the months of the measures.
@Suite("record files: implausible dates")
struct RecordDateTests {
    /// The case: one referral dated 31/12/2100 made the CIN file look as if it covered the year to
    /// March 2101, so the year in progress lost its place and the latest 7 months of all four referral
    /// measures were dropped, with exit 0 and the date never reported.
    @Test func aReferralInTheFutureIsAnErrorAndShortensNothing() throws {
        let folder = try ClinicProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: Fixtures.repository.appendingPathComponent("data/records/E99999999/cin_referrals.csv"), encoding: .utf8)
        let clean = folder.appendingPathComponent("clean"), hostile = folder.appendingPathComponent("hostile")
        for f in [clean, hostile] { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true) }
        try original.write(to: clean.appendingPathComponent("cin_referrals.csv"), atomically: true, encoding: .utf8)
        let line = original.split(separator: "\n").count + 1
        try (original + "999999,99,31/12/2100,5A,N1,,,,false\n999998,98,15/06/1899,5A,N1,,,,false\n")
            .write(to: hostile.appendingPathComponent("cin_referrals.csv"), atomically: true, encoding: .utf8)

        let expected = try ClinicProcess.run(["series", clean.path, "--as-of", "2026-11", "--format", "csv"], in: folder)
        #expect(expected.status == 0, "\(expected.stderr)")
        let result = try ClinicProcess.run(["series", hostile.path, "--as-of", "2026-11", "--format", "csv"], in: folder)
        #expect(result.status == 1)
        let file = hostile.appendingPathComponent("cin_referrals.csv").path
        let future = "\(file):\(line):11: error: CINreferralDate 31/12/2100 is after the as-of month (2026-11): a return cannot hold what has not happened yet [date_after_as_of]"
        let past = "\(file):\(line + 1):11: error: CINreferralDate \"15/06/1899\" is not a date (dd/mm/yyyy) from 01/01/1900 to 31/12/2100 [bad_date]"
        #expect(result.stderr.contains(future), "\(result.stderr)")
        #expect(result.stderr.contains(past), "\(result.stderr)")
        // Every month and value of the four referral measures as without the two rows.
        #expect(result.stdout == expected.stdout)
        #expect(expected.stdout.contains("referrals,2026-10,"))

        // `validate` makes the same checks and finds the same errors.
        let validate = try ClinicProcess.run(["validate", hostile.path, "--as-of", "2026-11"], in: folder)
        #expect(validate.status == 1)
        #expect(validate.stdout.contains(future) && validate.stdout.contains(past), "\(validate.stdout)")
        #expect(validate.stdout.contains("1 file: 2 errors"), "\(validate.stdout)")
    }
}
