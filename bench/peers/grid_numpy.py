"""Loss grids the numpy way the article builds them, timed.

Peer of bench/grid.ts. For each function: two np.linspace axes,
np.meshgrid, then the loss as one vectorised expression (as the article
writes `W1, W2 = np.meshgrid(w1, w2); Loss = W1**2 + W2**2`). A fresh
result every call, as numpy allocates. Prints one JSON line: the numpy
version, the median time in ms per function and size, and the smallest
grid's values, row-major (so the caller can check both sides computed the
same thing, value by value).

The expressions are the catalogue's (lib/landscape/catalog.ts), written the
way numpy code writes them: `**` for powers, `np.cos`, `np.exp`, `np.pi`.

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
    "elongatedBowl": lambda W1, W2: W1**2 + 10 * W2**2,
    "beale": lambda X, Y: (1.5 - X + X * Y) ** 2
    + (2.25 - X + X * Y**2) ** 2
    + (2.625 - X + X * Y**3) ** 2,
    "booth": lambda X, Y: (X + 2 * Y - 7) ** 2 + (2 * X + Y - 5) ** 2,
    "threeHumpCamel": lambda X, Y: 2 * X**2 - 1.05 * X**4 + X**6 / 6 + X * Y + Y**2,
    "sixHumpCamel": lambda X, Y: (4 - 2.1 * X**2 + X**4 / 3) * X**2
    + X * Y
    + (-4 + 4 * Y**2) * Y**2,
    "goldsteinPrice": lambda X, Y: (
        1
        + (X + Y + 1) ** 2
        * (19 - 14 * X + 3 * X**2 - 14 * Y + 6 * X * Y + 3 * Y**2)
    )
    * (
        30
        + (2 * X - 3 * Y) ** 2
        * (18 - 32 * X + 12 * X**2 + 48 * Y - 36 * X * Y + 27 * Y**2)
    ),
    "styblinskiTang": lambda X, Y: 0.5
    * (X**4 - 16 * X**2 + 5 * X + Y**4 - 16 * Y**2 + 5 * Y),
    "easom": lambda X, Y: -np.cos(X)
    * np.cos(Y)
    * np.exp(-((X - np.pi) ** 2 + (Y - np.pi) ** 2)),
    "saddle": lambda X, Y: X**2 - Y**2,
    "monkeySaddle": lambda X, Y: X**3 - 3 * X * Y**2,
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
    values = {}
    for name, domain in spec["functions"].items():
        f = FUNCTIONS[name]
        times[name] = {}
        for n in spec["sizes"]:
            reps = spec["reps"][str(n)]
            times[name][str(n)] = median_ms(lambda: grid(f, domain, n), reps, max(2, reps // 5))
        values[name] = grid(f, domain, min(spec["sizes"])).ravel().tolist()
    print(json.dumps({"numpy": np.__version__, "ms": times, "values": values}))


if __name__ == "__main__":
    main()
