import ClinicData
import ClinicModels
import Foundation

/// The pack's models as a Jupyter notebook (nbformat 4) that refits every measure with statsmodels and
/// checks that its coefficients equal Clinic's to 1e-8 (relative to max(1, |estimate|)), then plots the
/// data with matplotlib.
///
/// Contract: the data travel as JSON, base64-encoded inside one code cell (`DATA = json.loads(
/// base64.b64decode("…"))`): base64 has only letters, digits, `+`, `/` and `=`, so no name from a user
/// file can become code. Markdown cells escape names (``MarkdownText``). The notebook is deterministic
/// for given inputs (no time of run), so an exported copy can be checked for staleness byte for byte.
///
/// The refit per model: OLS with independent errors → `sm.OLS`; OLS with ARMA errors → `sm.GLS` with
/// the covariance of Clinic's estimated ARMA process at the observed months (`arma_acovf`), which
/// gives the GLS coefficients at those parameters; Poisson and quasi-Poisson → `sm.GLM` (Poisson
/// family, log-population offset when Clinic used one); robust → `sm.RLM` (Huber or Tukey biweight).
public enum PackNotebook {
    /// The notebook's JSON text.
    public static func notebook(_ pack: Pack) -> String {
        let p = pack.provenance
        let who = p.authorityName.map { "\($0) (\(p.area))" } ?? p.area
        let escape = MarkdownText()
        let inputs = p.inputs.map { "- \(escape.escapeText($0.path)): SHA-256 `\($0.sha256)`" }.joined(separator: "\n")
        let intro = """
            # Performance Clinic: \(escape.escapeText(who)), \(pack.dataWhen)

            Exported by `clinic notebook` (Clinic \(p.clinicVersion)). It refits each of the \(pack.measures.count) \
            measures with statsmodels from the same monthly data and checks that every coefficient equals \
            Clinic's to 1e-8, then draws each series with the model's fitted values. The data are embedded \
            below as base64-encoded JSON.

            Inputs:
            \(inputs)
            """
        let data = JSONValue.object([
            ("area", .string(p.area)), ("as_of", .string(p.asOf.description)), ("clinic_version", .string(p.clinicVersion)),
            ("measures", .array(pack.measures.map(measureData))),
        ]).rendered(indent: 0)
        let encoded = Data(data.utf8).base64EncodedString()
        let cells: [JSONValue] = [
            markdown(intro),
            code(#"""
                import base64
                import json

                import matplotlib
                matplotlib.use("Agg")
                import matplotlib.pyplot as plt
                import numpy as np
                import pandas as pd
                import statsmodels.api as sm
                from statsmodels.tsa.arima_process import arma_acovf

                pd.set_option("display.width", 200)
                DATA = json.loads(base64.b64decode("\#(encoded)").decode("utf-8"))
                print(f"{len(DATA['measures'])} measures for {DATA['area']}, as of {DATA['as_of']}")
                """#),
            markdown("## The design\n\nThe trend model's columns, built from the months as docs/METHODS.md §3 defines them: intercept, the month index from the series' first month, seasonal terms (month dummies or Fourier pairs), and for each intervention a step and a change of slope from its month."),
            code(#"""
                def design(measure):
                    n = len(measure["values"])
                    months = pd.period_range(start=measure["start"], periods=n, freq="M")
                    t = np.arange(n, dtype=float)
                    columns = {"(Intercept)": np.ones(n), "trend": t}
                    seasonality = measure["seasonality"]
                    if seasonality == "month_dummies":
                        for m in range(2, 13):
                            columns[f"month_{m:02d}"] = (months.month == m).astype(float)
                    elif seasonality.startswith("fourier_"):
                        for k in range(1, int(seasonality.split("_")[1]) + 1):
                            columns[f"sin{k}"] = np.sin(2 * np.pi * k * np.asarray(months.month) / 12)
                            columns[f"cos{k}"] = np.cos(2 * np.pi * k * np.asarray(months.month) / 12)
                    for i in sorted(measure["interventions"], key=lambda i: i["month"]):
                        at = (pd.Period(i["month"], freq="M") - months[0]).n
                        if not 1 <= at <= n - 1:
                            continue
                        if i["effect"] != "slope":
                            columns["level:" + i["label"]] = (t >= at).astype(float)
                        if i["effect"] != "level":
                            columns["slope:" + i["label"]] = np.maximum(0.0, t - at)
                    return pd.DataFrame(columns, index=months)
                """#),
            markdown("## Refit with statsmodels and compare with Clinic"),
            code(#"""
                def refit(measure):
                    X = design(measure)[[c["term"] for c in measure["coefficients"]]]
                    rows = [i for i, s in enumerate(measure["status"]) if s in ("observed", "imputed")]
                    y = np.array([measure["values"][i] for i in rows], dtype=float)
                    X = X.iloc[rows]
                    model, errors = measure["model"], measure["errors"]
                    if model == "ols" and (errors is None or errors["model"] == "iid"):
                        return sm.OLS(y, X).fit()
                    if model == "ols":
                        acov = arma_acovf(np.r_[1.0, -np.asarray(errors["ar"], dtype=float)],
                                          np.r_[1.0, np.asarray(errors["ma"], dtype=float)], nobs=len(measure["values"]))
                        times = np.asarray(rows)
                        return sm.GLS(y, X, sigma=acov[np.abs(times[:, None] - times[None, :])]).fit()
                    if model in ("poisson", "quasi_poisson"):
                        offset = None
                        if measure["exposure"] is not None:
                            offset = np.log(np.array([measure["exposure"][i] for i in rows], dtype=float))
                        return sm.GLM(y, X, family=sm.families.Poisson(), offset=offset).fit(
                            tol=1e-13, maxiter=200, scale="X2" if model == "quasi_poisson" else None)
                    norm = sm.robust.norms.HuberT() if model == "robust_huber" else sm.robust.norms.TukeyBiweight()
                    return sm.RLM(y, X, M=norm).fit(tol=1e-13, maxiter=500)

                rows = []
                for measure in DATA["measures"]:
                    if not measure["coefficients"]:
                        continue
                    result = refit(measure)
                    clinic = np.array([c["estimate"] for c in measure["coefficients"]])
                    difference = np.max(np.abs(np.asarray(result.params) - clinic) / np.maximum(1.0, np.abs(clinic)))
                    rows.append({"measure": measure["label"], "model": measure["model"],
                                 "errors": (measure["errors"] or {}).get("model", "–"), "terms": len(clinic),
                                 "largest relative difference": difference})
                    assert difference <= 1e-8, f"{measure['label']}: statsmodels and Clinic differ by {difference:.3g}"
                    measure["statsmodels_fitted"] = (design(measure)[[c["term"] for c in measure["coefficients"]]].to_numpy() @ np.asarray(result.params))
                comparison = pd.DataFrame(rows)
                comparison
                """#),
            markdown("## The series and their fitted trends"),
            code(#"""
                fitted = [m for m in DATA["measures"] if "statsmodels_fitted" in m]
                figure, axes = plt.subplots(len(fitted), 1, figsize=(9, 2.6 * len(fitted)), squeeze=False)
                for axis, measure in zip(axes[:, 0], fitted):
                    months = pd.period_range(start=measure["start"], periods=len(measure["values"]), freq="M").to_timestamp()
                    values = np.array([np.nan if v is None else v for v in measure["values"]], dtype=float)
                    trend = measure["statsmodels_fitted"]
                    if measure["model"] in ("poisson", "quasi_poisson"):
                        offset = 0.0 if measure["exposure"] is None else np.log(np.array([np.nan if v is None else v for v in measure["exposure"]], dtype=float))
                        trend = np.exp(trend + offset)
                    axis.plot(months, values, color="#1d4e89", linewidth=1, label="actual")
                    axis.plot(months, trend, color="#505a5f", linestyle="--", linewidth=1, label="fitted (statsmodels)")
                    axis.set_title(measure["label"], fontsize=10)
                    axis.legend(fontsize=7, loc="upper left")
                figure.tight_layout()
                """#),
        ]
        let notebook = JSONValue.object([
            ("cells", .array(cells)),
            ("metadata", .object([
                ("kernelspec", .object([("display_name", .string("Python 3")), ("language", .string("python")), ("name", .string("python3"))])),
                ("language_info", .object([("name", .string("python"))])),
            ])),
            ("nbformat", .integer(4)),
            ("nbformat_minor", .integer(4)),
        ])
        return notebook.rendered(indent: 1) + "\n"
    }

    /// What the notebook needs of a measure: the data, the specification and Clinic's coefficients.
    static func measureData(_ m: Pack.Measure) -> JSONValue {
        let fit = m.fit
        var errors = JSONValue.null
        if let e = fit.errorProcess {
            errors = .object([("model", .string(e.model.rawValue)), ("ar", .array(e.phi.map { .number($0) })),
                              ("ma", .array(e.theta.map { .number($0) }))])
        }
        return .object([
            ("id", .string(m.id)), ("label", .string(PackView.measureName(m.definition, m.series.key))),
            ("metric", .string(m.series.key.metric)), ("start", .string(m.series.start.description)),
            ("values", .array(m.series.values.indices.map { i in
                m.series.status[i] == .observed || m.series.status[i] == .imputed ? .number(m.series.values[i]) : .null
            })),
            ("status", .array(m.series.status.map { .string($0.rawValue) })),
            ("model", .string(fit.model.rawValue)), ("seasonality", .string(fit.seasonality.name)),
            ("errors", errors),
            ("interventions", .array(m.interventions.map {
                .object([("label", .string($0.label)), ("month", .string($0.month.description)), ("effect", .string($0.effect.rawValue))])
            })),
            ("exposure", m.exposure.isEmpty ? .null : .array(m.exposure.map { $0.map { JSONValue.number($0) } ?? .null })),
            ("coefficients", .array(fit.coefficients.map { .object([("term", .string($0.term)), ("estimate", .number($0.estimate))]) })),
        ])
    }

    static func markdown(_ text: String) -> JSONValue {
        .object([("cell_type", .string("markdown")), ("metadata", .object([])), ("source", lines(text))])
    }

    static func code(_ text: String) -> JSONValue {
        .object([("cell_type", .string("code")), ("execution_count", .null), ("metadata", .object([])), ("outputs", .array([])),
                 ("source", lines(text))])
    }

    /// nbformat's source: the text as lines, each but the last keeping its newline.
    static func lines(_ text: String) -> JSONValue {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return .array(parts.enumerated().map { i, line in .string(i < parts.count - 1 ? line + "\n" : line) })
    }
}
