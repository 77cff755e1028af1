#!/usr/bin/env python3
"""Reference fit of a continuous-time dropout model with touch covariates (scipy).

The reference implementation of the pipeline's `dropout_continuous` model
(rapport.stats.ContinuousDropout; docs/retention.md, "The pipeline's estimand"). It reads a
generated world (the output of
`rapport generate`: customers.csv, orders.csv or orders/part-*.csv, interactions.csv or
interactions/part-*.csv, and truth/touch_labels.csv for the touch kinds) and prints the hazard
ratios with 95% Wald intervals as one JSON line.

The model, per customer, time in weeks from her first completed order:
  * while alive she buys at Poisson rate lambda ~ Gamma(r, alpha);
  * she leaves at hazard mu(t) = lambda * theta * exp(g'z(t) + d'w), theta ~ Gamma(s, beta): the
    continuous form of the BG/NBD's per-purchase dropout, so buying often does not pose as
    staying. z(t) counts the touches in the trailing 90 days (personal; automated of kind
    outreach), w is the first order's channel (a confounder fixed before any touch);
  * from the first to the end of the last purchase day she is known alive, and the touches there
    are the touches to a living customer: read as observed;
  * after the last purchase the observed touches depend on whether she left (reps keep part of
    their calls, rule-driven sends stop at an unsubscribe), so they are not used. Her alive path
    there is drawn R times from a Poisson process at her own alive rate, Gamma-Poisson empirical
    Bayes per first-order channel over the known-alive spans (posterior draw of the rate, then the
    touches), and the likelihood is averaged over the draws (simulated maximum likelihood, fixed
    draws). Touches that ride on an order (a personal touch on an order day) cannot happen without
    an order, so the tail has none of them.
lambda is integrated in closed form (the cumulative hazard is piecewise linear between the moments
a touch enters or leaves the window), theta by Gauss-Legendre quadrature on its quantile scale.

Usage: dropout_continuous.py WORLD [--customers N] [--draws R] [--as-of YYYY-MM-DD] [--split]
       dropout_continuous.py --pieces FILE --at r,alpha,s,beta,g1,...
  --customers N  fit a deterministic sample (md5 of customer_id) of N customers
  --split        personal touches on an order day and the other personal touches as two terms
  --pieces FILE  no world: read a model's inputs (the CSV of ContinuousDropoutTest: customer,
                 repeats, recency, age, w1..., part (known or tail), draw, start, end, z1...; times
                 in model units from the first purchase) and print the log-likelihood at --at
                 (r, alpha, s, beta, then gamma per z column, then delta per w column)
"""
import argparse
import glob
import hashlib
import json
import os

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln
from scipy.stats import gamma as gamma_dist

WINDOW = 90.0  # days
UNIT = 7.0  # days per model time unit
QV, QW = np.polynomial.legendre.leggauss(16)
QV = (QV + 1) / 2
QW = QW / 2
QU = QV**3  # quantile levels of theta, denser near 0
QW = QW * 3 * QV**2


def read(world, name, cols):
    path = os.path.join(world, name + ".csv")
    parts = sorted(glob.glob(os.path.join(world, name, "*.csv")))
    files = [path] if os.path.exists(path) else parts
    return pd.concat([pd.read_csv(f, usecols=cols) for f in files], ignore_index=True)


def timestamps(col):
    """ISO-8601 timestamps as UTC; rows in any other form (a world's bad rows) become NaT."""
    iso = col.astype(str).str.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d")
    return pd.to_datetime(col.where(iso), utc=True, errors="coerce")


def load(world, as_of):
    """Purchase days and touch days (days before as_of, negative) per customer and kind."""
    end = pd.Timestamp(as_of, tz="Europe/Berlin").tz_convert("UTC")
    o = read(world, "orders", ["customer_id", "ordered_at", "status", "channel"])
    o = o[o.status == "completed"].copy()
    o["t"] = timestamps(o.ordered_at)
    o = o[o.t < end]
    o["d"] = (o.t - end).dt.total_seconds() / 86400.0
    first_channel = o.sort_values("t").groupby("customer_id").channel.first()
    occ = o.assign(day=np.floor(o.d)).groupby(["customer_id", "day"]).d.min().reset_index()
    occ = occ.sort_values(["customer_id", "d"])
    i = read(world, "interactions", ["interaction_id", "customer_id", "occurred_at"])
    i = i.merge(pd.read_csv(os.path.join(world, "truth", "touch_labels.csv")), on="interaction_id")
    i["t"] = timestamps(i.occurred_at)
    i = i[i.t < end]
    i["d"] = (i.t - end).dt.total_seconds() / 86400.0
    order_days = set(zip(occ.customer_id, occ.day))
    pers = i[i.touch_kind == "personal"]
    on_order = np.array([(c, d) in order_days for c, d in zip(pers.customer_id, np.floor(pers.d))])
    kinds = {
        "solo": pers[~on_order],
        "onorder": pers[on_order],
        "outreach": i[(i.touch_kind == "automated") & (i.automated_kind == "outreach")],
    }
    touches = {
        k: {c: np.sort(g.d.values) for c, g in v.groupby("customer_id")} for k, v in kinds.items()
    }
    return occ, touches, first_channel


def gamma_posteriors(counts, exposure, groups):
    """Gamma-Poisson empirical Bayes per group: posterior (shape, rate) of each alive rate."""
    shape = np.zeros(len(counts))
    rate = np.zeros(len(counts))
    for g in np.unique(groups):
        s = groups == g
        n, e = counts[s], exposure[s]

        def nll(p):
            a, b = np.exp(p)
            return -(gammaln(a + n) - gammaln(a) + a * np.log(b) - (a + n) * np.log(b + e)).sum()

        mean = max(n.sum() / max(e.sum(), 1e-9), 1e-6)
        a, b = np.exp(minimize(nll, np.log([1.0, 1.0 / mean]), method="Nelder-Mead").x)
        shape[s], rate[s] = a + n, b + e
    return shape, rate


def cut(paths, lo, hi):
    """Intervals of [lo, hi] between the moments a touch enters or leaves the window, and counts."""
    cuts = [lo, hi]
    for a in paths:
        cuts += list(a) + list(a + WINDOW)
    cuts = np.unique(np.array(cuts))
    cuts = cuts[(cuts >= lo) & (cuts <= hi)]
    st, en = cuts[:-1], cuts[1:]
    z = np.stack([np.searchsorted(a, st, "right") - np.searchsorted(a, st - WINDOW, "right")
                  for a in paths], 1).astype(float)
    return st, en, z


def pieces(occ, touches, channel, draws, seed=1):
    """Known-alive intervals per customer, and the tail after the last purchase once per draw."""
    rng = np.random.default_rng(seed)
    drawn, kept = ["solo", "outreach"], ["onorder"]
    groups = [(c, g.d.values) for c, g in occ.groupby("customer_id", sort=False)]
    t0 = np.array([d[0] for _, d in groups])
    tx = np.array([d[-1] for _, d in groups])
    post = {}
    for k in drawn:
        n = np.array(
            [np.sum((a >= a0) & (a <= a1)) for (c, _), a0, a1 in zip(groups, t0, tx)
             for a in [touches[k].get(c, np.empty(0))]], float)
        post[k] = gamma_posteriors(n, tx - t0, channel)
    known_parts = ([], [], [], [])
    tail_parts = ([], [], [], [])
    cust, owner = [], []
    q = 0
    for ci, (c, d) in enumerate(groups):
        known_end = min(np.floor(tx[ci]) + 1, 0.0)  # end of the last purchase day
        known = [(a := touches[k].get(c, np.empty(0)))[a < known_end] for k in drawn + kept]
        st, en, z = cut(known, t0[ci], tx[ci])
        for part, v in zip(known_parts, (np.full(len(st), ci), st - t0[ci], en - t0[ci], z)):
            part.append(v)
        for _ in range(draws):
            paths = []
            for j, k in enumerate(drawn + kept):
                a = known[j]
                if k in drawn and known_end < 0:
                    rho = rng.gamma(post[k][0][ci], 1.0 / post[k][1][ci])
                    extra = rng.uniform(known_end, 0.0, rng.poisson(rho * -known_end))
                    a = np.sort(np.r_[a, extra])
                paths.append(a)
            st, en, z = cut(paths, tx[ci], 0.0)
            for part, v in zip(tail_parts, (np.full(len(st), q), st - t0[ci], en - t0[ci], z)):
                part.append(v)
            cust.append((len(d) - 1, (tx[ci] - t0[ci]) / UNIT, -t0[ci] / UNIT))
            owner.append(ci)
            q += 1
    K = [np.concatenate(p) for p in known_parts]
    Tl = [np.concatenate(p) for p in tail_parts]
    for P in (K, Tl):
        P[1] /= UNIT
        P[2] /= UNIT
    return K, Tl, np.array(cust), np.array(owner)


def negll(par, data, W):
    """Minus the log-likelihood, averaged over the tail draws per customer."""
    (Ck, Ak, Bk, Zk), (C, A, B, Z), cust, owner = data
    r, al, s, be = np.exp(par[:4])
    g = par[4:]
    wk = W[Ck] @ g[Z.shape[1]:] if W.shape[1] else 0.0
    wt = W[owner][C] @ g[Z.shape[1]:] if W.shape[1] else 0.0
    known_M = np.bincount(Ck, weights=np.exp(Zk @ g[: Z.shape[1]] + wk) * (Bk - Ak),
                          minlength=len(np.unique(owner)))
    m = np.exp(Z @ g[: Z.shape[1]] + wt)
    x, tx, T = cust[:, 0], cust[:, 1], cust[:, 2]
    n = len(x)
    inc = m * (B - A)
    cs = np.cumsum(inc)
    first = np.r_[0, np.nonzero(np.diff(C))[0] + 1]
    base_M = known_M[owner]
    MT = base_M + np.add.reduceat(inc, first)
    Mb = base_M[C] + cs - np.repeat(cs[first] - inc[first], np.diff(np.r_[first, len(C)]))
    Ma = Mb - inc
    nx = r + x
    lref = np.log(al + tx)
    like = np.zeros(n)
    for th, w in zip(gamma_dist.ppf(QU, s, scale=1 / be), QW):
        alive = np.exp(-nx * (np.log(al + T + th * MT) - lref))
        gone = th * m / (1 + th * m) * (
            np.exp(-nx[C] * (np.log(al + A + th * Ma) - lref[C]))
            - np.exp(-nx[C] * (np.log(al + B + th * Mb) - lref[C])))
        like += w * (alive + np.bincount(C, weights=gone, minlength=n))
    reps = np.bincount(owner)
    avg = np.bincount(owner, weights=like) / reps
    xo = np.bincount(owner, weights=x) / reps
    lo = np.bincount(owner, weights=lref) / reps
    return -(gammaln(r + xo) - gammaln(r) + r * np.log(al) - (r + xo) * lo + np.log(avg)).sum()


def pieces_loglik(path, at):
    """The log-likelihood of the pieces in a CSV (see --pieces) at the given parameters."""
    import csv

    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    zc = sorted([c for c in rows[0] if c[0] == "z" and c[1:].isdigit()], key=lambda c: int(c[1:]))
    wc = sorted([c for c in rows[0] if c[0] == "w" and c[1:].isdigit()], key=lambda c: int(c[1:]))
    ids = list(dict.fromkeys(r["customer"] for r in rows))
    index = {c: i for i, c in enumerate(ids)}
    first = {}
    for r in rows:
        first.setdefault(r["customer"], r)
    known = [r for r in rows if r["part"] == "known"]
    tail = [r for r in rows if r["part"] == "tail"]  # in order: by customer, draw, then time
    cols = lambda rs, names: np.array([[float(r[c]) for c in names] for r in rs]).reshape(len(rs), -1)
    K = (np.array([index[r["customer"]] for r in known], int),
         cols(known, ["start"])[:, 0], cols(known, ["end"])[:, 0], cols(known, zc))
    q = list(dict.fromkeys((r["customer"], r["draw"]) for r in tail))
    qi = {v: j for j, v in enumerate(q)}
    Tl = (np.array([qi[(r["customer"], r["draw"])] for r in tail], int),
          cols(tail, ["start"])[:, 0], cols(tail, ["end"])[:, 0], cols(tail, zc))
    owner = np.array([index[c] for c, _ in q])
    cust = np.array([[float(first[c][v]) for v in ("repeats", "recency", "age")] for c, _ in q])
    W = np.array([[float(first[c][v]) for v in wc] for c in ids]).reshape(len(ids), len(wc))
    par = np.r_[np.log(at[:4]), at[4:]]
    return -negll(par, (K, Tl, cust, owner), W)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("world", nargs="?")
    ap.add_argument("--pieces")
    ap.add_argument("--at")
    ap.add_argument("--customers", type=int, default=0)
    ap.add_argument("--draws", type=int, default=6)
    ap.add_argument("--as-of", default="2026-06-30")
    ap.add_argument("--split", action="store_true")
    args = ap.parse_args()
    if args.pieces:
        at = np.array([float(v) for v in args.at.split(",")])
        print(json.dumps({"log_likelihood": float(pieces_loglik(args.pieces, at))}))
        return
    global pd
    import pandas as pd
    occ, touches, first_channel = load(args.world, args.as_of)
    ids = occ.customer_id.unique()
    if 0 < args.customers < len(ids):
        keep = set(sorted(ids, key=lambda c: hashlib.md5(c.encode()).hexdigest())[: args.customers])
        occ = occ[occ.customer_id.isin(keep)]
    ids = occ.customer_id.unique()
    channel = first_channel.reindex(ids).fillna("").values
    data = pieces(occ, touches, channel, args.draws)
    if args.split:
        data = (tuple(data[0]), tuple(data[1]), data[2], data[3])
        names = ["personal_not_on_order", "outreach", "personal_on_order"]
    else:
        K, Tl, cust, owner = data
        comb = lambda z: np.c_[z[:, 0] + z[:, 2], z[:, 1]]
        data = ((K[0], K[1], K[2], comb(K[3])), (Tl[0], Tl[1], Tl[2], comb(Tl[3])), cust, owner)
        names = ["personal", "outreach"]
    levels = sorted(set(channel))[1:]
    W = np.c_[[channel == v for v in levels]].T.astype(float) if levels else np.zeros((len(ids), 0))
    names += ["first_order_channel_" + v for v in levels]
    f = lambda p: negll(p, data, W)
    res = minimize(f, np.r_[np.log([0.5, 5, 1, 3]), np.zeros(len(names))], method="L-BFGS-B")
    h, k = 1e-3, len(res.x)
    H = np.zeros((k, k))
    for a in range(k):
        for b in range(a, k):
            ea, eb = np.eye(k)[a] * h, np.eye(k)[b] * h
            H[a, b] = H[b, a] = (f(res.x + ea + eb) - f(res.x + ea - eb) - f(res.x - ea + eb)
                                 + f(res.x - ea - eb)) / (4 * h * h)
    se = np.sqrt(np.diag(np.linalg.inv(H)))
    out = {"world": os.path.basename(os.path.normpath(args.world)), "customers": len(ids),
           "draws": args.draws, "converged": bool(res.success),
           "log_likelihood": round(-res.fun, 2),
           "r_alpha_s_beta": np.exp(res.x[:4]).round(4).tolist()}
    for j, name in enumerate(names):
        g, sd = res.x[4 + j], se[4 + j]
        out[name] = [round(float(np.exp(g + c * sd)), 3) for c in (0, -1.96, 1.96)]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
