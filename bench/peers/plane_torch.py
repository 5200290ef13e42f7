"""A filter-normalized 41 x 41 loss plane in PyTorch, the usual way, timed.

Peer of bench/plane.ts. Reads the problem bench/plane.ts wrote (2,048
spiral points and labels, the weights of an MLP 2 -> 64 -> 64 -> 3 with
ReLU, two filter-normalized directions, the grid), builds the same network
as torch.nn.Sequential and computes the plane as Li et al.'s code and the
loss-landscapes package do: for every grid point, write
theta + alpha * d1 + beta * d2 into the model's parameters, run a forward
pass over all the data and take the softmax cross-entropy. Generous to
PyTorch: under torch.no_grad(), one batch of all 2,048 points, parameters
updated in place.

Also times a 1024 x 1024 float32 matrix product, the machine's native
arithmetic rate as PyTorch reaches it.

Prints one JSON line: median and all times in ms, the threads PyTorch used,
its version, the plane's values (row-major, values[i + j * n]) and the
matrix product's GFLOP/s.

usage: plane_torch.py PROBLEM.json [--threads N] [--reps N]
"""

import json
import statistics
import sys
import time

import torch

import _mlp_problem


def main():
    problem, _threads, reps, x, labels, model, params, tensors = _mlp_problem.load(sys.argv[1:])

    theta, d1, d2 = tensors("theta"), tensors("d1"), tensors("d2")
    alphas = problem["alphas"]  # the grid's values, the same for alpha and beta
    criterion = torch.nn.CrossEntropyLoss()

    def plane():
        values = []
        with torch.no_grad():
            for beta in alphas:
                for alpha in alphas:
                    for p, t, u, v in zip(params, theta, d1, d2):
                        p.copy_(t + alpha * u + beta * v)
                    values.append(criterion(model(x), labels).item())
        return values

    values = plane()  # warm-up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        values = plane()
        times.append((time.perf_counter() - t0) * 1000)

    a = torch.randn(1024, 1024)
    a @ a
    samples = []
    for _ in range(20):
        t0 = time.perf_counter()
        a @ a
        samples.append(time.perf_counter() - t0)
    gflops = 2 * 1024**3 / statistics.median(samples) / 1e9

    print(
        json.dumps(
            {
                "median_ms": statistics.median(times),
                "times_ms": times,
                "threads": torch.get_num_threads(),
                "torch": torch.__version__,
                "values": values,
                "matmul_gflops": gflops,
            }
        )
    )


if __name__ == "__main__":
    main()
