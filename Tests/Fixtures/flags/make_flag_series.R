#!/usr/bin/env Rscript
# Monthly series from R used by the flag tests, written as long CSV (month,metric,value) beside this
# script: wineind (Australian wine sales, forecast package). (USAccDeaths and the others are written by
# Tests/Fixtures/forecasts/make_ets_backtests.R.)
#
#   Rscript Tests/Fixtures/flags/make_flag_series.R
#
# Needs R with the forecast package (Debian: r-base-core r-cran-forecast).
suppressPackageStartupMessages(library(forecast))
script_dir <- local({
  a <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", a[grep("^--file=", a)])
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
write_series <- function(y, name) {
  st <- start(y)
  t <- seq_along(y) - 1
  year <- st[1] + (st[2] - 1 + t) %/% 12
  month <- (st[2] - 1 + t) %% 12 + 1
  out <- data.frame(month = sprintf("%04d-%02d", year, month), metric = name, value = as.numeric(y))
  write.csv(out, file.path(script_dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
}
write_series(forecast::wineind, "wineind")
