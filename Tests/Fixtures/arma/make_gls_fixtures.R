#!/usr/bin/env Rscript
# Reference fixtures: linear regression with ARMA(p,q) errors fitted by REML
# with nlme::gls, plus stats::arima (ML) fits and 12-step forecasts for two
# cases. Writes gls_reference.json next to this script.
#
#   Rscript Tests/Fixtures/arma/make_gls_fixtures.R
#
# Needs R with the recommended package nlme (Debian: r-base-core r-cran-nlme).
# JSON is written by hand (jsonlite caps numbers at 15 significant digits);
# every number is printed with the fewest of 15/16/17 significant digits that
# parses back to the identical double.

suppressPackageStartupMessages(library(nlme))

script_dir <- local({
  a <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", a[grep("^--file=", a)])
  if (length(f) == 1) dirname(normalizePath(f)) else getwd()
})
repo_root <- normalizePath(file.path(script_dir, "..", "..", ".."))
out_path <- file.path(script_dir, "gls_reference.json")

# ---------------------------------------------------------------- JSON writer
num_str <- function(x) {
  if (is.na(x) || is.nan(x) || is.infinite(x)) return("null")
  for (d in 15:17) {
    s <- sprintf(paste0("%.", d, "g"), x)
    if (as.numeric(s) == x) break
  }
  s
}
jarr <- function(x) structure(list(x), class = "jarray")  # force array even if length 1
to_json <- function(x, indent = 0) {
  pad <- strrep(" ", indent); pad2 <- strrep(" ", indent + 1)
  if (inherits(x, "jarray")) {
    v <- x[[1]]
    if (is.character(v)) items <- vapply(v, function(s) encodeString(s, quote = "\""), "")
    else if (is.logical(v)) items <- ifelse(is.na(v), "null", ifelse(v, "true", "false"))
    else items <- vapply(as.numeric(v), num_str, "")
    return(paste0("[", paste(items, collapse = ", "), "]"))
  }
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    inner <- vapply(x, to_json, "", indent = indent + 1)
    if (!is.null(names(x))) {
      keys <- vapply(names(x), function(s) encodeString(s, quote = "\""), "")
      return(paste0("{\n", paste0(pad2, keys, ": ", inner, collapse = ",\n"), "\n", pad, "}"))
    }
    return(paste0("[\n", paste0(pad2, inner, collapse = ",\n"), "\n", pad, "]"))
  }
  if (length(x) != 1) return(to_json(jarr(x), indent))
  if (is.character(x)) return(encodeString(x, quote = "\""))
  if (is.logical(x)) return(if (is.na(x)) "null" else if (x) "true" else "false")
  num_str(as.numeric(x))
}
named_obj <- function(v) {  # named numeric vector -> JSON object, order kept
  if (length(v) == 0) return(setNames(list(), character(0)))
  setNames(as.list(as.numeric(v)), names(v))
}
matrix_rows <- function(M) lapply(seq_len(nrow(M)), function(i) jarr(unname(M[i, ])))

# ------------------------------------------------------------ design matrices
# t = 0..n-1 from the first month; month = calendar month 1..12 of each row.
make_design <- function(t, month, seasonal = c("none", "dummies", "fourier1", "fourier2"),
                        interventions = list()) {
  seasonal <- match.arg(seasonal)
  cols <- list("(Intercept)" = rep(1, length(t)), "trend" = as.numeric(t))
  if (seasonal == "dummies") {
    for (m in 2:12) cols[[sprintf("month_%02d", m)]] <- as.numeric(month == m)
  } else if (seasonal %in% c("fourier1", "fourier2")) {
    K <- if (seasonal == "fourier1") 1 else 2
    for (k in seq_len(K)) {
      cols[[paste0("sin", k)]] <- sin(2 * pi * k * month / 12)
      cols[[paste0("cos", k)]] <- cos(2 * pi * k * month / 12)
    }
  }
  for (iv in interventions) {
    cols[[paste0("level:", iv$label)]] <- as.numeric(t >= iv$T)
    cols[[paste0("slope:", iv$label)]] <- pmax(0, t - iv$T)
  }
  X <- do.call(cbind, cols)
  colnames(X) <- names(cols)
  X
}
month_index <- function(start_year, start_month, year, month)
  (year - start_year) * 12 + (month - start_month)

# ------------------------------------------------------------------- the data
ts_case <- function(name, y, seasonal, iv_label = NULL, iv_year = NULL, iv_month = NULL) {
  st <- start(y); stopifnot(frequency(y) == 12)
  n <- length(y)
  list(name = name, y = as.numeric(y), start_year = st[1], start_month = st[2],
       seasonal = seasonal,
       interventions = if (is.null(iv_label)) list() else
         list(list(label = iv_label, T = month_index(st[1], st[2], iv_year, iv_month))))
}

cases <- list()
cases[[1]] <- ts_case("seatbelts_drivers", datasets::UKDriverDeaths, "dummies", "law", 1983, 2)
cases[[2]] <- ts_case("seatbelts_front", datasets::Seatbelts[, "front"], "fourier2", "law", 1983, 2)

sic <- read.csv(file.path(repo_root, "Tests/Fixtures/its/sicily.csv"))
stopifnot(all(diff(sic$year * 12 + sic$month) == 1), sic$year[1] == 2002, sic$month[1] == 1)
cases[[3]] <- list(name = "sicily", y = as.numeric(sic$aces), start_year = 2002, start_month = 1,
                   seasonal = "fourier1",
                   interventions = list(list(label = "smoking ban",
                                             T = which(sic$smokban == 1)[1] - 1)))

agg <- read.csv(file.path(repo_root, "data/aggregates/monthly.csv"), stringsAsFactors = FALSE)
lac <- agg[agg$area == "E99999999" & agg$metric == "lac", ]
lac <- lac[order(lac$month), ]
ly <- as.integer(substr(lac$month, 1, 4)); lm_ <- as.integer(substr(lac$month, 6, 7))
stopifnot(all(diff(ly * 12 + lm_) == 1))  # no gaps, no duplicates
cases[[4]] <- list(name = "fictional_lac", y = as.numeric(lac$value),
                   start_year = ly[1], start_month = lm_[1], seasonal = "none",
                   interventions = list(list(label = "the edge-of-care service",
                                             T = month_index(ly[1], lm_[1], 2022, 4))))
cases[[5]] <- ts_case("airpassengers_log", log(datasets::AirPassengers), "dummies")
cases[[6]] <- ts_case("nottem", datasets::nottem, "fourier2")
# US accidental deaths 1973-78 with month dummies: AR(2) by REML has an interior optimum that a
# likelihood losing digits near the unit root (phi1 + phi2 -> 1) overshoots.
cases[[7]] <- ts_case("usaccdeaths", datasets::USAccDeaths, "dummies")

# ------------------------------------------------------------------- fitting
ctrl <- glsControl(tolerance = 1e-10, msTol = 1e-12, maxIter = 1000, msMaxIter = 1000,
                   returnObject = TRUE)
cor_specs <- list(iid = NULL, ar1 = c(1, 0), ar2 = c(2, 0), arma11 = c(1, 1))

run_capture <- function(expr) {
  warns <- character(0)
  val <- tryCatch(
    withCallingHandlers(expr, warning = function(w) {
      warns <<- c(warns, conditionMessage(w)); invokeRestart("muffleWarning")
    }),
    error = function(e) structure(conditionMessage(e), class = "fit_error"))
  list(value = val, warnings = warns)
}

fit_gls <- function(y, X, pq) {
  dat <- list(y = y, X = X)
  r <- run_capture(
    if (is.null(pq)) gls(y ~ X - 1, data = dat, method = "REML", control = ctrl)
    else gls(y ~ X - 1, data = dat, method = "REML", control = ctrl,
             correlation = corARMA(p = pq[1], q = pq[2])))
  if (inherits(r$value, "fit_error"))
    return(list(ok = FALSE, error = as.character(r$value), warnings = jarr(r$warnings)))
  fit <- r$value
  b <- coef(fit); names(b) <- colnames(X)
  se <- sqrt(diag(vcov(fit))); names(se) <- colnames(X)
  arma <- if (is.null(pq)) numeric(0) else coef(fit$modelStruct$corStruct, unconstrained = FALSE)
  arma_u <- if (is.null(pq)) numeric(0) else coef(fit$modelStruct$corStruct, unconstrained = TRUE)
  conv_warn <- any(grepl("converg|iteration limit|singular", r$warnings, ignore.case = TRUE))
  list(ok = TRUE,
       converged = !conv_warn,
       warnings = jarr(r$warnings),
       coefficients = named_obj(b),
       std_errors = named_obj(se),
       sigma = fit$sigma,
       arma = named_obj(arma),
       phi = jarr(unname(arma[seq_len(if (is.null(pq)) 0 else pq[1])])),
       theta = jarr(unname(arma[if (is.null(pq)) integer(0) else pq[1] + seq_len(pq[2])])),
       arma_unconstrained = named_obj(arma_u),
       logLik = as.numeric(logLik(fit)),
       AIC = AIC(fit),
       BIC = BIC(fit),
       df = length(y) - ncol(X),
       df_logLik = attr(logLik(fit), "df"))
}

fit_arima <- function(y, X, Xf, p, q) {
  r <- run_capture(arima(y, order = c(p, 0, q), xreg = X, include.mean = FALSE,
                         method = "ML",
                         optim.control = list(maxit = 2000, reltol = 1e-12)))
  if (inherits(r$value, "fit_error"))
    return(list(ok = FALSE, error = as.character(r$value), warnings = jarr(r$warnings)))
  fit <- r$value
  pr <- run_capture(predict(fit, n.ahead = 12, newxreg = Xf))
  out <- list(ok = TRUE,
              order = jarr(c(p, 0, q)),
              optim_convergence_code = fit$code,
              converged = fit$code == 0,
              warnings = jarr(r$warnings),
              coef = named_obj(coef(fit)),
              std_errors = named_obj(setNames(sqrt(diag(fit$var.coef)), names(coef(fit)))),
              sigma2 = fit$sigma2,
              loglik = fit$loglik,
              aic = fit$aic,
              nobs = fit$nobs)
  if (inherits(pr$value, "fit_error")) {
    out$predict_error <- as.character(pr$value)
  } else {
    out$pred <- jarr(as.numeric(pr$value$pred))
    out$se <- jarr(as.numeric(pr$value$se))
    out$predict_warnings <- jarr(pr$warnings)
  }
  out
}

# Explanations attached to a fit only if it fails (found by rerunning with
# msVerbose = TRUE; the failure itself is what the fixture records).
known_failures <- list(
  "sicily/arma11" = paste(
    "REML optimum lies on the boundary: nlminb drives the unconstrained ARMA",
    "parameters to (-inf, +inf), i.e. Phi1 -> -1 and Theta1 -> +1 (a cancelling",
    "AR/MA root near -1) while the nlminb objective only creeps from 321.237 to 319.214;",
    "nlme stops with 'Coefficient matrix not invertible' (also with default",
    "glsControl() and with opt = 'optim')."))

arima_cases <- c("seatbelts_drivers", "fictional_lac")
out_cases <- list()
for (cs in cases) {
  n <- length(cs$y)
  t <- 0:(n - 1)
  cal <- ((cs$start_month - 1 + t) %% 12) + 1
  X <- make_design(t, cal, cs$seasonal, cs$interventions)
  message(sprintf("%s: n=%d, p=%d", cs$name, n, ncol(X)))
  fits <- lapply(cor_specs, function(pq) fit_gls(cs$y, X, pq))
  for (k in names(fits)) {
    nt <- known_failures[[paste(cs$name, k, sep = "/")]]
    if (!fits[[k]]$ok && !is.null(nt)) fits[[k]]$note <- nt
  }
  rec <- list(name = cs$name, n = n,
              start = sprintf("%04d-%02d", cs$start_year, cs$start_month),
              seasonal = cs$seasonal,
              interventions = lapply(cs$interventions, function(iv)
                list(label = iv$label, T = iv$T,
                     month = sprintf("%04d-%02d", cs$start_year + (cs$start_month - 1 + iv$T) %/% 12,
                                     (cs$start_month - 1 + iv$T) %% 12 + 1))),
              terms = jarr(colnames(X)),
              x = matrix_rows(X),
              y = jarr(cs$y),
              fits = fits)
  if (cs$name %in% arima_cases) {
    tf <- n:(n + 11)
    calf <- ((cs$start_month - 1 + tf) %% 12) + 1
    Xf <- make_design(tf, calf, cs$seasonal, cs$interventions)
    stopifnot(identical(colnames(Xf), colnames(X)))
    rec$arima <- list(
      xf = matrix_rows(Xf),
      fits = list(ar1 = fit_arima(cs$y, X, Xf, 1, 0),
                  ar2 = fit_arima(cs$y, X, Xf, 2, 0),
                  arma11 = fit_arima(cs$y, X, Xf, 1, 1)))
  }
  out_cases[[length(out_cases) + 1]] <- rec
}

doc <- list(
  generator = "Tests/Fixtures/arma/make_gls_fixtures.R (nlme::gls REML with corARMA; stats::arima ML)",
  r_version = R.version.string,
  nlme_version = packageDescription("nlme")$Version,
  conventions = list(
    design = paste("rows are consecutive months; t = 0..n-1; columns (Intercept), trend=t,",
                   "then month_02..month_12 dummies (January reference) or sin_k/cos_k =",
                   "sin/cos(2*pi*k*m/12) with m the calendar month 1..12, then",
                   "level:LABEL = 1(t >= T), slope:LABEL = max(0, t - T)"),
    arma = paste("nlme corARMA and stats::arima both use",
                 "e_t = Phi1 e_{t-1} + ... + Phi_p e_{t-p} + a_t + Theta1 a_{t-1} + ... (MA with plus sign)"),
    gls_fit = "gls(y ~ X - 1, method='REML', control=glsControl(tolerance=1e-10, msTol=1e-12, maxIter=1000, msMaxIter=1000, returnObject=TRUE))",
    arima_fit = "arima(y, order=c(p,0,q), xreg=X, include.mean=FALSE, method='ML', optim.control=list(maxit=2000, reltol=1e-12)); predict(fit, n.ahead=12, newxreg=xf)"
  ),
  cases = out_cases)

writeLines(to_json(doc), out_path)
message("wrote ", out_path)
