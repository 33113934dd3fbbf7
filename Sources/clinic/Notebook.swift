import ArgumentParser
import ClinicApp

/// `clinic notebook INPUT... --out FILE.ipynb [--area CODE] [--as-of YYYY-MM]`
struct Notebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the pack's models as a Jupyter notebook that refits them with statsmodels.",
        discussion: """
        The notebook embeds the monthly data (base64-encoded JSON, never code), loads it with pandas, \
        rebuilds each measure's design, refits it with statsmodels (OLS, GLS with Clinic's ARMA errors, \
        Poisson GLM, robust), asserts that every coefficient equals Clinic's to 1e-8, and plots the \
        series with matplotlib. notebooks-export/ holds the one exported from data/.

        Example:
          clinic notebook data/aggregates/ --config data/clinic.toml --as-of 2026-11 --out pack.ipynb
        """
    )

    @OptionGroup var input: SeriesInputOptions

    @Option(help: ArgumentHelp("The notebook file to write.", valueName: "file.ipynb"))
    var out: String

    @Option(help: ArgumentHelp("The authority's area code (default: the settings' authority, or the only area in the input).", valueName: "code"))
    var area: String?

    func run() throws {
        try Output.emit(NotebookPipeline.run(input.request, out: out, area: area, log: Output.note))
    }
}
