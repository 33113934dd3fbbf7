/// The pack's Mustache templates (HTML and Markdown), rendered over ``PackView`` by ``PackRenderer``.
/// `{{name}}` escapes for the template's content type; the only `{{{triple}}}` is `chart`, an SVG that
/// ``TrendChart`` escaped itself.
enum PackTemplates {
    static let html = #"""
    <!DOCTYPE html>
    <html lang="en-GB">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}}</title>
    <style>
    body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: #1b1b1b; margin: 0 auto; max-width: 1000px; padding: 1.5rem; line-height: 1.45; }
    h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #1d4e89; padding-bottom: 0.2rem; }
    h3 { font-size: 1.1rem; margin-bottom: 0.3rem; }
    .subtitle { color: #505a5f; margin-top: 0; }
    table { border-collapse: collapse; width: 100%; font-size: 0.88rem; margin: 0.6rem 0; }
    th, td { border: 1px solid #b1b4b6; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
    th { background: #f3f2f1; }
    td.num { text-align: right; }
    table.summary { table-layout: fixed; } table.summary th[scope=row] { width: 17%; }
    .red { color: #b10e1e; font-weight: 600; } .amber { color: #8a5300; font-weight: 600; } .green { color: #00703c; font-weight: 600; } .info { color: #1d4e89; }
    .agenda-item { border-left: 6px solid #b1b4b6; padding: 0.2rem 0 0.2rem 0.8rem; margin: 1rem 0; }
    .agenda-item.red { border-color: #b10e1e; } .agenda-item.amber { border-color: #f0a30a; } .agenda-item.info { border-color: #1d4e89; }
    .agenda-item p { color: #1b1b1b; font-weight: 400; }
    figure { margin: 0.5rem 0; } figure svg { width: 100%; height: auto; } figure.benchmark svg { width: auto; max-width: 100%; }
    .measure { page-break-before: always; break-before: page; }
    .muted { color: #505a5f; font-size: 0.85rem; }
    code { font-size: 0.8rem; word-break: break-all; }
    a { color: #1d4e89; }
    nav.contents { font-size: 0.85rem; } nav.contents h2 { font-size: 1rem; margin-top: 0.8rem; } nav.contents ol { columns: 2; column-gap: 2rem; margin: 0.2rem 0; padding-left: 1.4rem; } nav.contents ol ol { columns: 1; }
    @page { size: A4; margin: 12mm; }
    @page wide { size: A4 landscape; margin: 9mm; }
    @media print {
      body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
      a { color: inherit; text-decoration: none; }
      h1 { font-size: 15pt; } h2 { font-size: 12.5pt; margin-top: 0.8rem; } h3 { font-size: 10pt; margin-top: 0.5rem; }
      h2, h3, caption, dt { break-after: avoid; page-break-after: avoid; }
      .agenda-item, figure, table, tr, li, dd, p { break-inside: avoid; }
      table { font-size: 7.8pt; margin: 0.3rem 0; } th, td { padding: 1px 4px; }
      .summary-section { page: wide; break-before: page; break-after: page; }
      table.summary { font-size: 6.6pt; line-height: 1.2; } table.summary caption { font-size: 6.4pt; }
      .agenda-item { margin: 0.5rem 0; } .agenda-item figure svg { max-height: 52mm; }
      .measure figure svg { max-height: 60mm; } .measure figure.history svg { max-height: 36mm; } .measure figure.benchmark svg { max-height: 34mm; }
      .measure p, .measure ul { margin: 0.2rem 0; } .measure table { font-size: 7pt; line-height: 1.15; } .measure th, .measure td { padding: 0 3px; }
      figcaption { font-size: 7pt; }
      nav.contents { font-size: 8.5pt; }
    }
    </style>
    </head>
    <body>
    <header>
    <h1>{{title}}</h1>
    <p class="subtitle">{{subtitle}}</p>
    </header>
    <nav class="contents" aria-labelledby="contents">
    <h2 id="contents">Contents</h2>
    <ol>
    <li><a href="#agenda">Agenda: what needs discussion</a></li>
    <li><a href="#summary">Summary of every measure</a></li>
    {{#lookedAfter}}<li><a href="#looked-after">Children looked after: why the number moved, and where it is heading</a></li>{{/lookedAfter}}
    <li>The measures, in the order of a child's journey
    <ol>{{#summary}}<li><a href="#{{anchor}}">{{label}}</a></li>{{/summary}}</ol></li>
    <li><a href="#words">Words used in this pack</a></li>
    <li><a href="#quality">Data quality</a> and <a href="#provenance">provenance</a></li>
    </ol>
    </nav>
    <main>
    <section aria-labelledby="agenda">
    <h2 id="agenda">Agenda: what needs discussion</h2>
    <p>{{agendaSummary}}</p>
    {{#hasTargetItems}}<h3>Against targets</h3>
    <ul>{{#targetItems}}<li><a href="#{{anchor}}">{{label}}</a>: {{latest}}; <span class="{{ragClass}}">{{rag}}</span></li>{{/targetItems}}</ul>{{/hasTargetItems}}
    {{^hasAgenda}}<p>Nothing flagged: no measure is outside its expected range this month and no change was found in the last two years.</p>{{/hasAgenda}}
    {{#agenda}}
    <article class="agenda-item {{severityClass}}">
    <h3><span class="{{severityClass}}">{{symbol}} {{severity}}</span>: <a href="#{{anchor}}">{{measure}}</a>, {{month}} ({{method}})</h3>
    <p>{{sentence}}</p>
    <figure>{{{chart}}}</figure>
    </article>
    {{/agenda}}
    </section>
    <section class="summary-section" aria-labelledby="summary">
    <h2 id="summary">Summary of every measure</h2>
    <table class="summary">
    <caption class="muted">Latest value and changes from the data; recent direction: the slope of a local linear trend at the latest month (95% interval); variation{{#hasTargets}} and assurance{{/hasTargets}} from the XmR chart of what the trend model does not explain (all four Making Data Count rules; only a month outside the limits is a flag){{#hasTargets}}; RAG against the targets in the settings{{/hasTargets}}{{#hasBenchmarks}}; benchmark from DfE's published figures{{/hasBenchmarks}}.</caption>
    <thead><tr><th scope="col">Measure</th><th scope="col">Latest</th><th scope="col">On last month</th><th scope="col">On a year ago</th><th scope="col">Last 12 months against the 12 before</th><th scope="col">Recent direction</th><th scope="col">Variation</th>{{#hasTargets}}<th scope="col">Assurance</th><th scope="col">Target (RAG)</th>{{/hasTargets}}{{#hasBenchmarks}}<th scope="col">Benchmark</th>{{/hasBenchmarks}}</tr></thead>
    <tbody>
    {{#summary}}
    <tr><th scope="row"><a href="#{{anchor}}">{{label}}</a></th><td class="num">{{latest}} <span class="muted">{{latestMonth}}</span></td><td class="num">{{changeMonth}}</td><td class="num">{{changeYear}}</td><td class="num">{{twelveMonths}}</td><td>{{recent}}</td><td>{{variation}}</td>{{#hasTargets}}<td>{{assurance}}</td><td class="{{ragClass}}">{{rag}}</td>{{/hasTargets}}{{#hasBenchmarks}}<td>{{benchmark}}</td>{{/hasBenchmarks}}</tr>
    {{/summary}}
    </tbody>
    </table>
    {{^hasBenchmarks}}<p class="muted">{{benchmarkNote}}</p>{{/hasBenchmarks}}
    </section>
    {{#lookedAfter}}
    <section class="measure" aria-labelledby="looked-after">
    <h2 id="looked-after">Children looked after: why the number moved, and where it is heading</h2>
    {{#sentences}}<p>{{.}}</p>{{/sentences}}
    <table class="flows">
    <caption class="muted">Periods of care that started and ended, {{window}} against {{windowBefore}} (from the SSDA903 records; leaving at 18 counts first, whatever the reason recorded).</caption>
    <thead><tr><th scope="col">Flow</th><th scope="col">{{window}}</th><th scope="col">{{windowBefore}}</th></tr></thead>
    <tbody>{{#flows}}<tr><th scope="row">{{name}}</th><td class="num">{{count}}</td><td class="num">{{yearBefore}}</td></tr>{{/flows}}</tbody>
    </table>
    <table class="groups">
    <caption class="muted">Children looked after at the start and the end of {{window}}, by age band and by placement.</caption>
    <thead><tr><th scope="col">Group</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Change</th></tr></thead>
    <tbody>{{#ages}}<tr><th scope="row">Aged {{name}}</th><td class="num">{{start}}</td><td class="num">{{end}}</td><td class="num">{{change}}</td></tr>{{/ages}}{{#placements}}<tr><th scope="row">{{name}}</th><td class="num">{{start}}</td><td class="num">{{end}}</td><td class="num">{{change}}</td></tr>{{/placements}}</tbody>
    </table>
    <h3>Where it is heading</h3>
    <p>{{projectionSentence}}</p>
    <figure>{{{chart}}}</figure>
    <table class="projection">
    <caption class="muted">Projected children looked after: the mean of simulated paths in which children age on their own birthdays and leave at 18, with their 80% and 95% ranges.</caption>
    <thead><tr><th scope="col">Month end</th><th scope="col">Projected</th><th scope="col">80% range</th><th scope="col">95% range</th></tr></thead>
    <tbody>{{#projection}}<tr><th scope="row">{{month}}</th><td class="num">{{mean}}</td><td class="num">{{range80}}</td><td class="num">{{range95}}</td></tr>{{/projection}}</tbody>
    </table>
    </section>
    {{/lookedAfter}}
    {{#measures}}
    <section class="measure" aria-labelledby="{{anchor}}">
    <h2 id="{{anchor}}">{{label}}</h2>
    <p class="muted">{{key}}: {{definition}}</p>
    <figure>{{{chart}}}{{#hasHistory}}<figcaption class="muted">The last 36 months; the whole series is below.</figcaption>{{/hasHistory}}</figure>
    {{#sentences}}<p>{{.}}</p>{{/sentences}}
    {{#hasTarget}}<p>Target: {{target}}</p>{{/hasTarget}}
    {{#hasBenchmark}}<p>Benchmark (DfE, year ending 31 March): {{benchmark}}</p>{{/hasBenchmark}}
    {{#hasBenchmarkChart}}<figure class="benchmark">{{{benchmarkChart}}}</figure>{{/hasBenchmarkChart}}
    {{#hasFlags}}
    <h3>Flags</h3>
    <ul>{{#flags}}<li><span class="{{severityClass}}">{{symbol}} {{severity}}</span>, {{month}} ({{method}}): {{sentence}}</li>{{/flags}}</ul>
    {{/hasFlags}}
    {{#hasModel}}
    <h3>The model</h3>
    <p class="muted">{{modelName}}</p>
    <table>
    <thead><tr><th scope="col">Term</th><th scope="col">Estimate</th><th scope="col">Standard error</th><th scope="col">p-value</th></tr></thead>
    <tbody>{{#model}}<tr><th scope="row">{{term}}</th><td class="num">{{estimate}}</td><td class="num">{{standardError}}</td><td class="num">{{p}}</td></tr>{{/model}}</tbody>
    </table>
    {{/hasModel}}
    {{#hasWarnings}}<ul class="muted">{{#warnings}}<li>Note: {{.}}</li>{{/warnings}}</ul>{{/hasWarnings}}
    {{#hasHistory}}<figure class="history">{{{historyChart}}}<figcaption class="muted">The whole series.</figcaption></figure>{{/hasHistory}}
    </section>
    {{/measures}}
    <section class="measure" aria-labelledby="words">
    <h2 id="words">Words used in this pack</h2>
    <dl>{{#glossary}}<dt>{{name}}</dt><dd>{{value}}</dd>{{/glossary}}</dl>
    </section>
    <section class="measure" aria-labelledby="quality">
    <h2 id="quality">Data quality</h2>
    <table>
    <thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">Rows</th><th scope="col">Accepted</th><th scope="col">Suppressed</th><th scope="col">Quarantined</th></tr></thead>
    <tbody>{{#inputs}}<tr><th scope="row">{{path}}</th><td>{{format}}</td><td class="num">{{rows}}</td><td class="num">{{accepted}}</td><td class="num">{{suppressed}}</td><td class="num">{{quarantined}}</td></tr>{{/inputs}}</tbody>
    </table>
    {{#hasNotes}}<ul>{{#notes}}<li>{{.}}</li>{{/notes}}</ul>{{/hasNotes}}
    {{^hasNotes}}<p>No warnings or notes from reading the inputs.</p>{{/hasNotes}}
    <h2 id="provenance">Provenance</h2>
    <table>
    <tbody>{{#provenance}}<tr><th scope="row">{{name}}</th><td>{{value}}</td></tr>{{/provenance}}</tbody>
    </table>
    {{#hasSettings}}<h3>Settings</h3><ul>{{#settings}}<li>{{.}}</li>{{/settings}}</ul>{{/hasSettings}}
    <h3>Input files (SHA-256)</h3>
    <ul>{{#inputs}}<li>{{path}}: <code>{{sha256}}</code></li>{{/inputs}}</ul>
    </section>
    </main>
    </body>
    </html>

    """#

    static let markdown = #"""
    {{% CONTENT_TYPE: MARKDOWN}}
    # {{title}}

    {{subtitle}}

    ## Agenda: what needs discussion

    {{agendaSummary}}

    {{#hasTargetItems}}
    Against targets:

    {{#targetItems}}
    - {{label}}: {{latest}}; {{rag}}
    {{/targetItems}}

    {{/hasTargetItems}}
    {{^hasAgenda}}
    Nothing flagged: no measure is outside its expected range this month and no change was found in the last two years.

    {{/hasAgenda}}
    {{#agenda}}
    ### {{symbol}} {{severity}}: {{measure}}, {{month}} ({{method}})

    {{sentence}}

    ![{{sentence}}]({{chartFile}})

    {{/agenda}}
    ## Summary of every measure

    | Measure | Latest | On last month | On a year ago | Last 12 months against the 12 before | Recent direction | Variation |{{#hasTargets}} Assurance | Target (RAG) |{{/hasTargets}}{{#hasBenchmarks}} Benchmark |{{/hasBenchmarks}}
    |---|---|---|---|---|---|---|{{#hasTargets}}---|---|{{/hasTargets}}{{#hasBenchmarks}}---|{{/hasBenchmarks}}
    {{#summary}}
    | {{label}} | {{latest}} {{latestMonth}} | {{changeMonth}} | {{changeYear}} | {{twelveMonths}} | {{recent}} | {{variation}} |{{#hasTargets}} {{assurance}} | {{rag}} |{{/hasTargets}}{{#hasBenchmarks}} {{benchmark}} |{{/hasBenchmarks}}
    {{/summary}}

    {{^hasBenchmarks}}
    {{benchmarkNote}}

    {{/hasBenchmarks}}
    {{#lookedAfter}}
    ## Children looked after: why the number moved, and where it is heading

    {{#sentences}}
    {{.}}

    {{/sentences}}
    | Flow | {{window}} | {{windowBefore}} |
    |---|---|---|
    {{#flows}}
    | {{name}} | {{count}} | {{yearBefore}} |
    {{/flows}}

    | Group | Start | End | Change |
    |---|---|---|---|
    {{#ages}}
    | Aged {{name}} | {{start}} | {{end}} | {{change}} |
    {{/ages}}
    {{#placements}}
    | {{name}} | {{start}} | {{end}} | {{change}} |
    {{/placements}}

    ### Where it is heading

    {{projectionSentence}}

    ![{{chartAlt}}]({{chartFile}})

    | Month end | Projected | 80% range | 95% range |
    |---|---|---|---|
    {{#projection}}
    | {{month}} | {{mean}} | {{range80}} | {{range95}} |
    {{/projection}}

    {{/lookedAfter}}
    {{#measures}}
    ## {{label}}

    {{key}}: {{definition}}

    ![{{chartAlt}}]({{chartFile}})
    {{#hasHistory}}

    ![{{historyChartAlt}}]({{historyChartFile}})
    {{/hasHistory}}

    {{#sentences}}
    {{.}}

    {{/sentences}}
    {{#hasTarget}}
    Target: {{target}}

    {{/hasTarget}}
    {{#hasBenchmark}}
    Benchmark (DfE, year ending 31 March): {{benchmark}}

    {{/hasBenchmark}}
    {{#hasBenchmarkChart}}
    ![{{benchmarkChartAlt}}]({{benchmarkChartFile}})

    {{/hasBenchmarkChart}}
    {{#hasFlags}}
    Flags:

    {{#flags}}
    - {{symbol}} {{severity}}, {{month}} ({{method}}): {{sentence}}
    {{/flags}}

    {{/hasFlags}}
    {{#hasModel}}
    The model: {{modelName}}

    | Term | Estimate | Standard error | p-value |
    |---|---|---|---|
    {{#model}}
    | {{term}} | {{estimate}} | {{standardError}} | {{p}} |
    {{/model}}

    {{/hasModel}}
    {{#hasWarnings}}
    {{#warnings}}
    - Note: {{.}}
    {{/warnings}}

    {{/hasWarnings}}
    {{/measures}}
    ## Words used in this pack

    {{#glossary}}
    - **{{name}}**: {{value}}
    {{/glossary}}

    ## Data quality

    | File | Format | Rows | Accepted | Suppressed | Quarantined |
    |---|---|---|---|---|---|
    {{#inputs}}
    | {{path}} | {{format}} | {{rows}} | {{accepted}} | {{suppressed}} | {{quarantined}} |
    {{/inputs}}

    {{#notes}}
    - {{.}}
    {{/notes}}

    ## Provenance

    {{#provenance}}
    - {{name}}: {{value}}
    {{/provenance}}
    {{#settings}}
    - Setting: {{.}}
    {{/settings}}
    {{#inputs}}
    - {{path}}: SHA-256 {{sha256}}
    {{/inputs}}

    """#
}
