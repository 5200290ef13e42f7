"""The article's 3D loss-landscape figure in matplotlib, timed.

Peer of bench/surface.ts. Builds the figure exactly as the article does
(100 x 100 grid on [-5, 5]^2, loss w1^2 + w2^2, 10 x 7 inch figure,
plot_surface with cmap='viridis' and no edge lines, title, three axis
labels, colour bar with shrink=0.5, aspect=5, label 'Loss Value') and
saves it as SVG and as PNG (dpi 100), each timed from figure creation to
the saved bytes. Prints one JSON line: medians in ms and output sizes.

usage: surface_matplotlib.py [--reps N] [--out DIR]
"""

import io
import json
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def figure():
    w1 = np.linspace(-5, 5, 100)
    w2 = np.linspace(-5, 5, 100)
    W1, W2 = np.meshgrid(w1, w2)
    loss = W1**2 + W2**2
    fig = plt.figure(figsize=(10, 7))
    ax = fig.add_subplot(111, projection="3d")
    surface = ax.plot_surface(W1, W2, loss, cmap="viridis", edgecolor="none")
    ax.set_title("A Simple 3D Loss Landscape")
    ax.set_xlabel("Weight 1 (X-axis)")
    ax.set_ylabel("Weight 2 (Y-axis)")
    ax.set_zlabel("Loss (Z-axis)")
    fig.colorbar(surface, shrink=0.5, aspect=5, label="Loss Value")
    return fig


def render(fmt):
    fig = figure()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=100)
    plt.close(fig)
    return buf.getvalue()


def timed(fmt, reps):
    render(fmt)  # warm-up: imports, font cache
    samples = []
    out = b""
    for _ in range(reps):
        t0 = time.perf_counter()
        out = render(fmt)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), out


def main(argv):
    reps = 5
    out_dir = None
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--reps":
            reps = int(args.pop(0))
        elif a == "--out":
            out_dir = args.pop(0)
        else:
            raise SystemExit(f"unknown argument {a}")
    svg_ms, svg = timed("svg", reps)
    png_ms, png = timed("png", reps)
    if out_dir:
        with open(f"{out_dir}/surface-matplotlib.svg", "wb") as f:
            f.write(svg)
        with open(f"{out_dir}/surface-matplotlib.png", "wb") as f:
            f.write(png)
    print(json.dumps({
        "matplotlib": matplotlib.__version__,
        "reps": reps,
        "svg_ms": svg_ms,
        "png_ms": png_ms,
        "svg_bytes": len(svg),
        "png_bytes": len(png),
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
