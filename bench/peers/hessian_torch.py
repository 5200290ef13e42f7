"""The top Hessian eigenvalue of an MLP in PyTorch, the PyHessian way, timed.

Peer of bench/hessian.ts. Reads the problem bench/hessian.ts wrote (2,048
spiral points and labels, the weights of an MLP 2 -> 64 -> 64 -> 3 with
ReLU, a Lanczos start vector and a number of steps), builds the same
network as torch.nn.Sequential and computes Hessian-vector products as
PyHessian (Yao et al. 2020, pyhessian/hessian.py) does: the gradient with
torch.autograd.grad(loss, params, create_graph=True) once, then for each v
torch.autograd.grad(grads, params, grad_outputs=v, retain_graph=True).

Two eigenvalue computations:
- "lanczos": the same algorithm as ours (Lanczos with full
  reorthogonalization, twice, the tridiagonal matrix solved with numpy),
  from the same start vector, for the same number of steps -- so the same
  number of Hessian-vector products;
- "power": PyHessian's own `eigenvalues(top_n=1)`: power iteration from a
  random normal vector (torch.manual_seed(0)), as PyHessian draws it,
  stopping when the eigenvalue changes by less than tol relative between
  iterations, at most 100 iterations -- with PyHessian's default tol = 1e-3
  and with 1e-4 (a change below tol does not bound the error by tol).

Also times one Hessian-vector product (graph already built, as inside both
loops), the gradient graph plus one product (what one isolated product
costs), and one forward-and-backward pass (loss.backward()).

Prints one JSON line: medians and samples in ms, the eigenvalues, products
used, threads and version.

usage: hessian_torch.py PROBLEM.json [--threads N] [--reps N]
"""

import json
import statistics
import sys
import time

import numpy as np
import torch

import _mlp_problem


def main():
    problem, _threads, reps, x, labels, model, params, tensors = _mlp_problem.load(sys.argv[1:])
    steps = problem["steps"]

    with torch.no_grad():
        for p, t in zip(params, tensors("theta")):
            p.copy_(t)
    start = tensors("start")
    criterion = torch.nn.CrossEntropyLoss()

    def gradient_graph():
        loss = criterion(model(x), labels)
        return torch.autograd.grad(loss, params, create_graph=True)

    def hvp(grads, v):
        return torch.autograd.grad(grads, params, grad_outputs=v, only_inputs=True, retain_graph=True)

    def flat(ts):
        return torch.cat([t.reshape(-1) for t in ts])

    def unflat(vec):
        out, at = [], 0
        for p in params:
            out.append(vec[at : at + p.numel()].reshape(p.shape))
            at += p.numel()
        return out

    def lanczos():
        grads = gradient_graph()
        q = flat(start)
        q = q / torch.linalg.norm(q)
        basis, alpha, beta = [], [], []
        for _ in range(steps):
            basis.append(q)
            w = flat(hvp(grads, unflat(q)))
            a = torch.dot(q, w).item()
            alpha.append(a)
            Q = torch.stack(basis)
            for _ in range(2):
                w = w - Q.T @ (Q @ w)
            b = torch.linalg.norm(w).item()
            beta.append(b)
            q = w / b
        t = np.diag(alpha) + np.diag(beta[:-1], 1) + np.diag(beta[:-1], -1)
        return float(np.linalg.eigvalsh(t)[-1])

    def power(tol, max_iter=100):
        # PyHessian's hessian.eigenvalues(top_n=1), without deflation (one eigenvalue).
        grads = gradient_graph()
        torch.manual_seed(0)
        v = [torch.randn(p.size()) for p in params]
        norm = torch.sqrt(sum(torch.sum(t * t) for t in v))
        v = [t / (norm + 1e-6) for t in v]
        eigenvalue = None
        products = 0
        for _ in range(max_iter):
            hv = hvp(grads, v)
            products += 1
            tmp = sum(torch.sum(a * b) for a, b in zip(hv, v)).item()
            norm = torch.sqrt(sum(torch.sum(t * t) for t in hv))
            v = [t / (norm + 1e-6) for t in hv]
            if eigenvalue is not None and abs(eigenvalue - tmp) / (abs(eigenvalue) + 1e-6) < tol:
                eigenvalue = tmp
                break
            eigenvalue = tmp
        return eigenvalue, products

    def timed(fn, n):
        fn()  # warm-up
        samples, result = [], None
        for _ in range(n):
            t0 = time.perf_counter()
            result = fn()
            samples.append((time.perf_counter() - t0) * 1000)
        return statistics.median(samples), samples, result

    lanczos_ms, lanczos_times, lanczos_value = timed(lanczos, reps)
    powers = {}
    for tol in (1e-3, 1e-4):
        t, times, (value, products) = timed(lambda: power(tol), reps)
        powers[f"{tol:g}"] = {"ms": t, "times_ms": times, "value": value, "products": products}

    grads = gradient_graph()
    v = unflat(flat(start) / torch.linalg.norm(flat(start)))
    hvp_ms, _, _ = timed(lambda: hvp(grads, v), 21)
    isolated_ms, _, _ = timed(lambda: hvp(gradient_graph(), v), 21)

    def forward_backward():
        model.zero_grad(set_to_none=True)
        criterion(model(x), labels).backward()

    fb_ms, _, _ = timed(forward_backward, 21)

    print(
        json.dumps(
            {
                "lanczos_ms": lanczos_ms,
                "lanczos_times_ms": lanczos_times,
                "lanczos_value": lanczos_value,
                "power": powers,
                "hvp_ms": hvp_ms,
                "isolated_hvp_ms": isolated_ms,
                "forward_backward_ms": fb_ms,
                "threads": torch.get_num_threads(),
                "torch": torch.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
