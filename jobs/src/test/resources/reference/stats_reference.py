"""Reference numbers for rapport.stats from statsmodels and scipy.

Run from the project root with the system Python (Debian's python3-statsmodels, python3-scipy):
    /usr/bin/python3 jobs/src/test/resources/reference/stats_reference.py ../shared/datasets \
        > jobs/src/test/resources/reference/stats_reference.txt
"""
import sys

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from scipy.special import gammaln, hyp2f1
from scipy.stats import rankdata
from statsmodels.stats.proportion import proportion_confint

datasets = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets"
np.set_printoptions(precision=12, linewidth=200)
print("numpy", np.__version__, "scipy", scipy.__version__, "statsmodels", statsmodels.__version__)

print("\n## Logistic regression, rossi: arrest ~ fin + age + race + wexp + mar + paro + prio")
rossi = pd.read_csv(f"{datasets}/survival/rossi.csv")
cols = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
X = sm.add_constant(rossi[cols].astype(float))
y = rossi["arrest"].astype(float).to_numpy()
fit = sm.Logit(y, X).fit(disp=0, tol=1e-12)
print("params", repr(fit.params.to_numpy()))
print("bse", repr(fit.bse.to_numpy()))
ci = fit.conf_int().to_numpy()
print("conf_int_lower", repr(ci[:, 0]))
print("conf_int_upper", repr(ci[:, 1]))
print("pvalues", repr(fit.pvalues.to_numpy()))
print("llf", repr(fit.llf), "llnull", repr(fit.llnull))

pred = fit.predict(X).to_numpy()
n = len(y)
n1 = y.sum()
n0 = n - n1
ranks = rankdata(pred)  # average ranks for ties
auc = (ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)
print("auc", repr(auc))
print("brier", repr(np.mean((pred - y) ** 2)))
order = np.argsort(pred, kind="stable")
bins = (np.arange(n) * 10) // n
print("calibration: bin n mean_predicted observed")
rates = []
for b in range(10):
    idx = order[bins == b]
    rates.append(y[idx].mean())
    print(b + 1, len(idx), repr(pred[idx].mean()), repr(y[idx].mean()))
print("top_decile_lift", repr(rates[9] / y.mean()))

print("\n## AUC with tied scores: scores [0.1,0.4,0.4,0.4,0.8,0.8,0.2], y [0,1,0,1,1,0,0]")
s = np.array([0.1, 0.4, 0.4, 0.4, 0.8, 0.8, 0.2])
t = np.array([0, 1, 0, 1, 1, 0, 0])
r = rankdata(s)
print("auc", repr((r[t == 1].sum() - 3 * 4 / 2) / (3 * 4)))

print("\n## Wilson score intervals (statsmodels proportion_confint, method='wilson', alpha=0.05)")
for k, m in [(0, 10), (3, 10), (10, 10), (81, 263), (1, 2000)]:
    lo, hi = proportion_confint(k, m, alpha=0.05, method="wilson")
    print(k, m, repr(lo), repr(hi))

print("\n## BG/NBD predictions at BTYD's CDNOW parameters, by scipy.special.hyp2f1")
r_, alpha, a, b = 0.2425982, 4.413684, 0.7929899, 2.426167


def p_alive(x, tx, T):
    if x == 0:
        return 1.0
    return 1.0 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r_ + x))


def cond_exp(t, x, tx, T):
    num = (a + b + x - 1) / (a - 1) * (
        1 - ((alpha + T) / (alpha + T + t)) ** (r_ + x) * hyp2f1(r_ + x, b + x, a + b + x - 1, t / (alpha + T + t)))
    return num * p_alive(x, tx, T)


def uncond_exp(t):
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r_ * hyp2f1(r_, b, a + b - 1, t / (alpha + t)))


for (x, tx, T) in [(0, 0.0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (26, 30.86, 31.0), (7, 35.0, 38.0)]:
    print("x", x, "tx", tx, "T", T, "p_alive", repr(p_alive(x, tx, T)),
          "E[Y(39)]", repr(cond_exp(39.0, x, tx, T)), "E[Y(52)]", repr(cond_exp(52.0, x, tx, T)))
for t in [39.0, 78.0]:
    print("E[X(t)] new customer t", t, repr(uncond_exp(t)))


def bgnbd_ll(x, tx, T, r, alpha, a, b):
    x = np.asarray(x, float)
    base = (gammaln(r + x) - gammaln(r) + r * np.log(alpha) + gammaln(a + b) + gammaln(b + x)
            - gammaln(b) - gammaln(a + b + x) - (r + x) * np.log(alpha + T))
    z = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) + (r + x) * (np.log(alpha + T) - np.log(alpha + tx)), -np.inf)
    return float(np.sum(base + np.logaddexp(0, z)))


cd = pd.read_csv(f"{datasets}/cdnow/cdnow_customers_summary.csv")
print("LL of lifetimes' cdnow summary (2-decimal rounding) at BTYD params",
      repr(bgnbd_ll(cd.frequency, cd.recency, cd["T"], r_, alpha, a, b)))

print("\n## Gamma-Gamma conditional expected average value at p 6.25, q 3.74, gamma 15.44")
p, q, g = 6.25, 3.74, 15.44
for x, m in [(1, 20.0), (2, 35.5), (10, 15.0)]:
    print(x, m, repr((g + m * x) * p / (p * x + q - 1)))
