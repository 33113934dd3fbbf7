import ClinicData
import ClinicIngest
import ClinicModels
import Foundation

extension LinearModelFit {
    /// A plain-text summary laid out like R's `summary(lm)`, for a person reading a terminal.
    /// Numbers are rounded for reading; `--json` carries full precision.
    public func summaryText(response: String) -> String {
        var lines = [String]()
        let predictors = terms.filter { $0 != DesignMatrix.interceptTerm }
        let rhs = (predictors.isEmpty ? ["1"] : predictors).joined(separator: " + ") + (hasIntercept ? "" : " - 1")
        lines.append("Linear model: \(response) ~ \(rhs)")
        lines.append("")

        lines.append("Residuals:")
        lines += table(header: ["Min", "1Q", "Median", "3Q", "Max"],
                       rows: [residualQuartiles.map { Self.number($0) }],
                       rowLabels: [""])
        lines.append("")

        lines.append("Coefficients:")
        let body = coefficients.map { c in
            [Self.number(c.estimate), Self.number(c.standardError), Self.fixed(c.tStatistic),
             Self.pValue(c.pValue), Self.stars(c.pValue)]
        }
        lines += table(header: ["Estimate", "Std. Error", "t value", "Pr(>|t|)", ""], rows: body,
                       rowLabels: coefficients.map(\.term))
        if !dropped.isEmpty {
            lines.append("Not estimated (\(dropped.count) term\(dropped.count == 1 ? "" : "s")):")
            for d in dropped { lines.append("  \(d.term): \(d.reason)") }
        }
        lines.append("---")
        lines.append("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1")
        lines.append("")
        lines.append("Residual standard error: \(Self.number(residualStandardError)) on \(residualDegreesOfFreedom) degrees of freedom")
        lines.append("\(hasIntercept ? "Multiple" : "Uncentred") R-squared: \(Self.number(rSquared, digits: 6)),  Adjusted R-squared: \(Self.number(adjustedRSquared, digits: 6))")
        if let f = fStatistic {
            lines.append("F-statistic: \(Self.number(f.value, digits: 6)) on \(f.numerator) and \(f.denominator) DF,  p-value: \(Self.pValue(f.pValue))")
        }
        lines.append("Observations: \(observations), rank: \(rank), condition number (equilibrated): \(Self.number(conditionNumber, digits: 3))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Right-aligned columns under a header, with left-aligned row labels.
    private func table(header: [String], rows: [[String]], rowLabels: [String]) -> [String] {
        let labelWidth = rowLabels.map(\.count).max() ?? 0
        var widths = header.map(\.count)
        for row in rows { for (j, cell) in row.enumerated() { widths[j] = max(widths[j], cell.count) } }
        func render(_ label: String, _ cells: [String]) -> String {
            let padded = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            let body = cells.enumerated().map { j, cell in
                String(repeating: " ", count: widths[j] - cell.count) + cell
            }.joined(separator: " ")
            return (padded + " " + body).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return [render("", header)] + zip(rowLabels, rows).map { render($0, $1) }
    }

    static func number(_ x: Double, digits: Int = 7) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return String(format: "%.\(digits)g", x)
    }

    /// Three decimals, as R prints t values.
    static func fixed(_ x: Double) -> String {
        x.isFinite ? String(format: "%.3f", x) : number(x)
    }

    static func pValue(_ p: Double) -> String {
        p < 2.2e-16 ? "<2e-16" : String(format: "%.3g", p)
    }

    static func stars(_ p: Double) -> String {
        switch p {
        case ..<0.001: return "***"
        case ..<0.01: return "**"
        case ..<0.05: return "*"
        case ..<0.1: return "."
        default: return ""
        }
    }
}
