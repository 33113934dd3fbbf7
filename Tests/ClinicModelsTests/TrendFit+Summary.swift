@testable import ClinicData
import ClinicModels
import ClinicReports

/// The trend tests read a fit's sentence and forecast method as a person would; the wording itself
/// lives in ClinicReports, so these helpers ask it, with the catalogue definition of the fit's metric.
extension TrendFit {
    var summary: String { sentence(definition: MetricCatalogue.standard.definition(key.metric)) }
}
