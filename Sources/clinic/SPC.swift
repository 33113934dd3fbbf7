import ArgumentParser
import ClinicApp

/// `clinic spc FILE.csv --value COL [--date COL] [--direction D] [--no-screen] [--rebase DATE ...] [--fix-after N] [--target X] [--json]`
struct SPC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spc",
        abstract: "Draw the numbers of an XmR chart the way NHS England's Making Data Count does.",
        discussion: """
        Reads one value column (and a date column to sort by) and computes what NHSRplotthedots 0.2 \
        computes: the centre line and process limits (2.66 × the mean moving range, after screening out \
        moving ranges of 3.267 × their mean or more unless --no-screen), the four rules (a point outside \
        the limits; a run of seven rising or falling; two of three near a limit on one side; seven on \
        one side of the centre), each point's type, and the variation and assurance icons. --rebase \
        starts a new set of limits from a date; --fix-after N fixes them on the first N points (N ≥ 12); \
        --target gives the assurance icon when --direction says which way is better. Groups under 13 \
        points have trial limits, with a warning. Every rule is in docs/METHODS.md.

        Examples:
          clinic spc referrals.csv --value referrals --date month --direction decrease
          clinic spc waits.csv --value days --date week --rebase 2024-04-01 --target 18 --direction decrease --json
        """
    )

    @Argument(help: "The CSV file to read.")
    var file: String

    @Option(help: ArgumentHelp("The column to chart.", valueName: "column"))
    var value: String

    @Option(help: ArgumentHelp("The date column to sort by (2024-03-31, 31/03/2024 or a month such as 2024-03).", valueName: "column"))
    var date: String?

    @Option(help: ArgumentHelp("increase, decrease or neutral: which way is better.", valueName: "direction"))
    var direction = "neutral"

    @Flag(name: .customLong("no-screen"), help: "Keep every moving range (the Excel tools' limits).")
    var noScreen = false

    @Option(parsing: .singleValue, help: ArgumentHelp("Start new limits from this date (repeatable).", valueName: "date"))
    var rebase: [String] = []

    @Option(name: .customLong("fix-after"), help: ArgumentHelp("Fix the limits on the first N points of each group.", valueName: "n"))
    var fixAfter: Int?

    @Option(help: ArgumentHelp("A target, for the assurance icon.", valueName: "x"))
    var target: Double?

    @Flag(help: "Print one JSON document (NHSRplotthedots' field names).")
    var json = false

    func run() throws {
        try Output.emit(SPCPipeline.run(file: file, value: value, date: date, direction: direction, screen: !noScreen, rebase: rebase,
                                        fixAfter: fixAfter, target: target, json: json, log: Output.note))
    }
}
