#!/usr/bin/env Rscript
# Rolling-origin forecast scores of R's forecast::ets and the seasonal naive forecast on four monthly
# series from R (USAccDeaths, ldeaths, wineind, co2), by the protocol of Clinic's Backtest: origins o =
# n-24 .. n-1 (o = months used to fit), horizons h = 1, 3, 6, 12, target y[o + h] (1-based) when it
# exists; absolute errors scaled by the in-sample MAE of the lag-12 seasonal naive forecast over the
# training months (Hyndman and Koehler's MASE scale); the seasonal naive forecast is y of the same
# month a year before the target, taken from the training months. Writes ets_backtests.json and each
# series as month,metric,value CSV beside this script.
#
#   Rscript Tests/Fixtures/forecasts/make_ets_backtests.R
#
# Needs R with the forecast package (Debian: r-base-core r-cran-forecast).
suppressPackageStartupMessages(library(forecast))
script_dir <- local({
  a <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", a[grep("^--file=", a)])
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
series <- list(usaccdeaths = datasets::USAccDeaths, ldeaths = datasets::ldeaths,
               wineind = forecast::wineind, co2 = datasets::co2)
horizons <- c(1, 3, 6, 12)
num <- function(x) {
  for (d in 15:17) { s <- sprintf(paste0("%.", d, "g"), x); if (as.numeric(s) == x) break }
  s
}
out <- character(0)
for (name in names(series)) {
  y <- series[[name]]
  st <- start(y); n <- length(y); t <- seq_len(n) - 1
  write.csv(data.frame(month = sprintf("%04d-%02d", st[1] + (st[2] - 1 + t) %/% 12, (st[2] - 1 + t) %% 12 + 1),
                       metric = name, value = as.numeric(y)),
            file.path(script_dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  sums <- list(ets = numeric(length(horizons)), snaive = numeric(length(horizons)))
  counts <- integer(length(horizons))
  for (o in (n - 24):(n - 1)) {
    train <- ts(as.numeric(y)[1:o], start = st, frequency = 12)
    scale <- mean(abs(diff(as.numeric(train), lag = 12)))
    f <- forecast(ets(train), h = 12)$mean
    for (k in seq_along(horizons)) {
      h <- horizons[k]; target <- o + h
      if (target > n) next
      source <- target - 12
      while (source > o) source <- source - 12
      sums$ets[k] <- sums$ets[k] + abs(y[target] - f[h]) / scale
      sums$snaive[k] <- sums$snaive[k] + abs(y[target] - as.numeric(y)[source]) / scale
      counts[k] <- counts[k] + 1
    }
  }
  cells <- vapply(seq_along(horizons), function(k)
    sprintf('"%d": {"ets": %s, "seasonal_naive": %s, "forecasts": %d}', horizons[k],
            num(sums$ets[k] / counts[k]), num(sums$snaive[k] / counts[k]), counts[k]), "")
  out <- c(out, sprintf('  "%s": {%s}', name, paste(cells, collapse = ", ")))
}
writeLines(c("{", paste(out, collapse = ",\n"), "}"), file.path(script_dir, "ets_backtests.json"))
