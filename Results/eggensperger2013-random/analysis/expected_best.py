"""Expected best value of uniform random search after k evaluations, by Monte Carlo (NumPy, seeded), on Branin
([-5,10]x[0,15]) and Hartmann6 ([0,1]^6), and the spread of a 5-run / 10-run mean (ddof-0 std as numpy.std)."""
import numpy as np

def branin(x):
    a, b, c, r, s, t = 1, 5.1 / (4 * np.pi**2), 5 / np.pi, 6, 10, 1 / (8 * np.pi)
    return a * (x[:, 1] - b * x[:, 0]**2 + c * x[:, 0] - r)**2 + s * (1 - t) * np.cos(x[:, 0]) + s

A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]])
P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])
alpha = np.array([1.0, 1.2, 3.0, 3.2])
def hart6(x):
    return -np.sum(alpha * np.exp(-np.sum(A * (x[:, None, :] - P)**2, axis=2)), axis=1)

rng = np.random.default_rng(20130101)
def sample(name, n):
    if name == "branin":
        u = rng.random((n, 2)); x = np.column_stack([-5 + 15 * u[:, 0], 15 * u[:, 1]]); return branin(x)
    return hart6(rng.random((n, 6)))

for name, target, ks in (("branin", 0.911, (25, 50, 100, 200)), ("hartmann6", -2.374, (25, 50, 100, 200))):
    # E[min of k i.i.d. draws] from a large sample: order statistics of the empirical distribution.
    N = 4_000_000
    f = np.sort(sample(name, N))
    i = np.arange(N)
    def expected(k):
        w = ((N - i) / N)**k - ((N - i - 1) / N)**k
        return float(np.dot(w, f))
    curve = {k: expected(k) for k in range(1, 1001)}
    kx = next((k for k in range(1, 1001) if curve[k] <= target), None)
    print(f"{name}: E[best after k] " + ", ".join(f"{k}: {curve[k]:.4f}" for k in ks)
          + f"; E[best] <= {target} first at k = {kx} (E at {kx-1}: {curve[kx-1]:.4f}, at {kx}: {curve[kx]:.4f})")
    # Spread of the mean of a few runs (the published rows): simulate runs directly.
    for k, runs in ((50, 5), (200, 10), (200, 5)):
        R = 200_000 if k == 50 else 50_000
        bests = np.concatenate([sample(name, 10_000 * k).reshape(10_000, k).min(axis=1) for _ in range(R // 10_000)])
        means = bests[: (R // runs) * runs].reshape(-1, runs).mean(axis=1)
        stds = bests[: (R // runs) * runs].reshape(-1, runs).std(axis=1)
        q = np.quantile(means, [0.025, 0.5, 0.975])
        print(f"  k={k}, {runs} runs: per-run best mean {bests.mean():.4f} std {bests.std(ddof=1):.4f}; mean of {runs}: "
              f"median {q[1]:.4f}, 95% range [{q[0]:.4f}, {q[2]:.4f}]; P(mean <= {target}) = {np.mean(means <= target):.3f}; "
              f"median ddof-0 std {np.median(stds):.4f}")
