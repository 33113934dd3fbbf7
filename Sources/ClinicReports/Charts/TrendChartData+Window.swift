import ClinicData

extension TrendChartData {
    /// The same chart cut to its last `months` months of data (the forecast after them kept): every
    /// series from the first month kept, bands, markers and events re-indexed, those before it dropped.
    /// Data of `months` months or fewer come back unchanged. The clinic looks at the last two or three
    /// years first; the full history stays on its own chart.
    public func lastMonths(_ months: Int) -> TrendChartData {
        let count = actual.count
        guard months > 0, count > months else { return self }
        let cut = count - months
        func tail(_ values: [Double?]) -> [Double?] { values.count > cut ? Array(values[cut...]) : [] }
        var out = TrendChartData(title: title, description: description, start: start.advanced(by: cut), actual: Array(actual[cut...]))
        out.fitted = tail(fitted)
        out.recent = tail(recent)
        out.limitsLower = tail(limitsLower)
        out.limitsUpper = tail(limitsUpper)
        out.forecast = forecast.filter { $0.index >= cut }.map { Band(index: $0.index - cut, mean: $0.mean, lower: $0.lower, upper: $0.upper) }
        out.markers = markers.filter { $0.index >= cut }.map { Marker(index: $0.index - cut, value: $0.value, label: $0.label, kind: $0.kind) }
        out.events = events.filter { $0.index >= cut }.map { Event(index: $0.index - cut, label: $0.label) }
        out.unitSuffix = unitSuffix
        out.fittedLabel = fittedLabel
        out.forecastLabel = forecastLabel
        return out
    }
}
