import ClinicData
import ClinicIngest
import ClinicModels

extension LinearModelFit {
    /// The `regress --json` document of the CLI contract (README.md): `n`, `rank`, `df_residual`,
    /// `coefficients` in design order with `term`, `estimate`, `std_error`, `t`, `p` (and the 95%
    /// interval as `conf_low`/`conf_high`), `residual_std_error`, `r_squared`; then the adjusted R²,
    /// the overall F test, dropped terms, and numerical diagnostics. Every number at full precision.
    public func regressionJSON(level: Double = 0.95) -> JSONValue {
        let intervals = confidenceIntervals(level: level)
        let coefficientValues = zip(coefficients, intervals).map { c, ci in
            JSONValue.object([
                ("term", .string(c.term)), ("estimate", .number(c.estimate)), ("std_error", .number(c.standardError)),
                ("t", .number(c.tStatistic)), ("p", .number(c.pValue)),
                ("conf_low", .number(ci.lowerBound)), ("conf_high", .number(ci.upperBound)),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("n", .integer(observations)),
            ("rank", .integer(rank)),
            ("df_residual", .integer(residualDegreesOfFreedom)),
            ("coefficients", .array(coefficientValues)),
            ("residual_std_error", .number(residualStandardError)),
            ("r_squared", .number(rSquared)),
            ("r_squared_kind", .string(hasIntercept ? "centred" : "uncentred")),
            ("adjusted_r_squared", .number(adjustedRSquared)),
        ]
        if let f = fStatistic {
            members.append(("f_statistic", .object([
                ("value", .number(f.value)), ("df_model", .integer(f.numerator)),
                ("df_residual", .integer(f.denominator)), ("p", .number(f.pValue)),
            ])))
        }
        members.append(("confidence_level", .number(level)))
        members.append(("dropped_terms", .array(dropped.map {
            .object([("term", .string($0.term)), ("reason", .string($0.reason))])
        })))
        members.append(("condition_number", .number(conditionNumber)))
        members.append(("refinement_steps", .integer(refinementSteps)))
        return .object(members)
    }
}
