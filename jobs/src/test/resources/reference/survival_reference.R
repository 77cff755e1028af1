# Reference numbers for rapport.stats from R's survival package.
# Run from the project root:
#   Rscript jobs/src/test/resources/reference/survival_reference.R ../shared/datasets \
#     > jobs/src/test/resources/reference/survival_reference.txt
library(survival)
args <- commandArgs(trailingOnly = TRUE)
datasets <- if (length(args) > 0) args[1] else "../shared/datasets"
options(digits = 12, width = 200)
cat("R:", R.version.string, " survival:", as.character(packageVersion("survival")), "\n\n")

lung <- read.csv(file.path(datasets, "survival/lung.csv"))
rossi <- read.csv(file.path(datasets, "survival/rossi.csv"))

cat("## Kaplan-Meier, lung, Surv(time, status == 2)\n")
km <- survfit(Surv(time, status == 2) ~ 1, data = lung)
print(km)
q <- quantile(km, probs = 0.5)
cat("median", q$quantile, "lower", q$lower, "upper", q$upper, "\n")
s <- summary(km, times = c(0, 5, 11, 100, 365, 730, 1000))
print(data.frame(time = s$time, n.risk = s$n.risk, surv = s$surv, std.err = s$std.err,
                 lower = s$lower, upper = s$upper))
cat("distinct times", length(km$time), "\n")
cat("log std.err (km$std.err) at 365-row:", km$std.err[max(which(km$time <= 365))], "\n")

cat("\n## Kaplan-Meier, lung by sex\n")
kms <- survfit(Surv(time, status == 2) ~ sex, data = lung)
print(kms)

cat("\n## Kaplan-Meier, rossi Surv(week, arrest)\n")
kmr <- survfit(Surv(week, arrest) ~ 1, data = rossi)
sr <- summary(kmr, times = c(10, 52))
print(data.frame(time = sr$time, n.risk = sr$n.risk, surv = sr$surv, lower = sr$lower, upper = sr$upper))
print(kmr)

show_cox <- function(title, fit) {
  cat("\n## Cox", title, "\n")
  cat("coef", format(coef(fit), digits = 12), "\n")
  cat("se", format(sqrt(diag(vcov(fit))), digits = 12), "\n")
  cat("loglik", format(fit$loglik, digits = 12), "\n")
  cat("concordance", format(fit$concordance, digits = 12), "\n")
  cat("lrt", format(2 * diff(fit$loglik), digits = 12), "\n")
  cat("iter", fit$iter, "\n")
  print(summary(fit)$coefficients)
}
f <- ~ fin + age + race + wexp + mar + paro + prio
show_cox("rossi efron", coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi, ties = "efron"))
show_cox("rossi breslow", coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data = rossi, ties = "breslow"))
show_cox("lung ~ sex efron", coxph(Surv(time, status == 2) ~ sex, data = lung))
show_cox("lung ~ age + sex efron", coxph(Surv(time, status == 2) ~ age + sex, data = lung))
show_cox("lung ~ age + sex breslow", coxph(Surv(time, status == 2) ~ age + sex, data = lung, ties = "breslow"))

# Counting-process input with a time-varying covariate: the Stanford heart transplant data
# (Crowley & Hu 1977) as R's survival package ships it; written next to this script.
write.csv(heart, "heart.csv", row.names = FALSE)
show_cox("heart (start, stop] efron", coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart))
show_cox("heart (start, stop] breslow", coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart, ties = "breslow"))

# Case weights under Breslow (where R's weighting and frequency counts agree): rossi with the
# weight 1 + (row number mod 3).
rossi$w <- 1 + (seq_len(nrow(rossi)) %% 3)
show_cox("rossi breslow weighted 1 + (row mod 3)", coxph(Surv(week, arrest) ~ fin + age + prio, data = rossi, ties = "breslow", weights = w))
