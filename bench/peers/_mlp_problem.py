"""What the PyTorch peers of bench/plane.ts and bench/hessian.ts share.

Both read a problem file that the Deno side wrote -- spiral points and
labels, the layer sizes of an MLP with ReLU, and named weight vectors in
torch's layout (bench/_util.ts, torchWeights) -- and build the same network
as torch.nn.Sequential.
"""

import json
import os

import torch


def load(argv):
    """Parses `PROBLEM.json [--threads N] [--reps N]`, sets torch's threads and
    returns (problem, threads, reps, x, labels, model, params, tensors), where
    tensors(name) gives the problem's weight vector `name` as one tensor per
    parameter, shaped like it."""
    path = argv[0]
    threads = int(argv[argv.index("--threads") + 1]) if "--threads" in argv else os.cpu_count()
    reps = int(argv[argv.index("--reps") + 1]) if "--reps" in argv else 5
    torch.set_num_threads(threads)

    with open(path) as f:
        problem = json.load(f)
    rows = problem["rows"]
    x = torch.tensor(problem["x"], dtype=torch.float32).reshape(rows, 2)
    labels = torch.tensor(problem["labels"], dtype=torch.long)
    sizes = problem["sizes"]

    layers = []
    for k in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[k], sizes[k + 1]))
        if k < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    model.eval()
    params = list(model.parameters())

    def tensors(name):
        # Stored as torch wants them: Linear weights [out, in], biases [out].
        return [torch.tensor(v, dtype=torch.float32).reshape(p.shape) for v, p in zip(problem[name], params)]

    return problem, threads, reps, x, labels, model, params, tensors
