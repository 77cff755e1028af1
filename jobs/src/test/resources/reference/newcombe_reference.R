# Newcombe (1998) hybrid score interval for a difference of two independent proportions
# (his method 10), built from R's own Wilson score intervals (prop.test without continuity
# correction). Reference for rapport.stats.NewcombeInterval.
cases <- list(
  c(56, 70, 48, 80),    # Newcombe 1998, Table II, example (a)
  c(9, 10, 3, 10),      # example (b)
  c(6, 7, 2, 7),        # example (c)
  c(5, 56, 0, 29),      # example (d)
  c(0, 10, 0, 20),      # example (e)
  c(10, 10, 0, 20),     # example (h)
  c(412, 500, 380, 500)
)
cat("k1 n1 k2 n2 difference lower upper\n")
for (x in cases) {
  w1 <- prop.test(x[1], x[2], correct = FALSE)$conf.int
  w2 <- prop.test(x[3], x[4], correct = FALSE)$conf.int
  p1 <- x[1] / x[2]; p2 <- x[3] / x[4]; d <- p1 - p2
  lo <- d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2)
  hi <- d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)
  cat(sprintf("%d %d %d %d %.10f %.10f %.10f\n", x[1], x[2], x[3], x[4], d, lo, hi))
}
