"""Loss grids the numpy way the article builds them, timed.

Peer of bench/grid.ts. For each function: two np.linspace axes,
np.meshgrid, then the loss as one vectorised expression (as the article
writes `W1, W2 = np.meshgrid(w1, w2); Loss = W1**2 + W2**2`). A fresh
result every call, as numpy allocates. Prints one JSON line: the numpy
version, the median time in ms per function and size, and the sum of the
smallest grid's values (so the caller can check both sides computed the
same thing).

usage: grid_numpy.py '{"functions": {"bowl": {"x": [-5, 5], "y": [-5, 5]}, ...},
                       "sizes": [100, 2000], "reps": {"100": 51, "2000": 15}}'
"""

import json
import statistics
import sys
import time

import numpy as np

FUNCTIONS = {
    "bowl": lambda W1, W2: W1**2 + W2**2,
    "rosenbrock": lambda X, Y: (1 - X) ** 2 + 100 * (Y - X**2) ** 2,
    "rastrigin": lambda X, Y: 20
    + X**2
    - 10 * np.cos(2 * np.pi * X)
    + Y**2
    - 10 * np.cos(2 * np.pi * Y),
    "ackley": lambda X, Y: -20 * np.exp(-0.2 * np.sqrt(0.5 * (X**2 + Y**2)))
    - np.exp(0.5 * (np.cos(2 * np.pi * X) + np.cos(2 * np.pi * Y)))
    + np.e
    + 20,
    "himmelblau": lambda X, Y: (X**2 + Y - 11) ** 2 + (X + Y**2 - 7) ** 2,
}


def grid(f, domain, n):
    w1 = np.linspace(domain["x"][0], domain["x"][1], n)
    w2 = np.linspace(domain["y"][0], domain["y"][1], n)
    W1, W2 = np.meshgrid(w1, w2)
    return f(W1, W2)


def median_ms(fn, reps, warmup):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(samples)


def main():
    spec = json.loads(sys.argv[1])
    times = {}
    sums = {}
    for name, domain in spec["functions"].items():
        f = FUNCTIONS[name]
        times[name] = {}
        for n in spec["sizes"]:
            reps = spec["reps"][str(n)]
            times[name][str(n)] = median_ms(lambda: grid(f, domain, n), reps, max(2, reps // 5))
        sums[name] = float(np.sum(grid(f, domain, min(spec["sizes"]))))
    print(json.dumps({"numpy": np.__version__, "ms": times, "sums": sums}))


if __name__ == "__main__":
    main()
