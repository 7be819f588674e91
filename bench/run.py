"""How fast is the course's numpy engine? Against the machine, and against PyTorch on the same CPU.

    make bench                      # installs the [bench] extra (PyTorch CPU, threadpoolctl) and runs this
    python bench/run.py --repeat 7  # more repeats; --out FILE to write the markdown report elsewhere

All ratios are taken in one run, on one machine, from medians of repeated timings:
* the roofline: what a large matrix multiply achieves here (GFLOP/s), float64 and float32;
* the course's workloads, run through the reference solutions (the notebooks' solution cells, loaded by
  ``autograder.reference``) on the shapes the notebooks use: logistic regression's ``propagate`` on the
  cat set, one training iteration of the 4-layer network [12288, 20, 7, 5, 1], and of the planar network
  [2, 4, 1];
* each workload's GFLOP/s as a share of the roofline, and its time against the same computation in
  PyTorch (autograd for the backward pass) on the same threads and dtype.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from autograder.paths import ROOT  # the course's packages are installed in the venv (make setup)
from autograder.reference import deep_network as dnn
from autograder.reference import logistic_regression as lr
from autograder.reference import shallow_network as snn


def median_seconds(fn, repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def roofline(dtype, n: int, repeat: int) -> float:
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n)).astype(dtype)
    b = rng.standard_normal((n, n)).astype(dtype)
    return 2 * n**3 / median_seconds(lambda: a @ b, repeat) / 1e9


def read_bandwidth(repeat: int, nbytes: int) -> float:
    """GB/s at which BLAS (all its threads) streams a matrix of ``nbytes``: a matrix-vector product,
    which reads each entry once and does two flops with it, so it is bound by reading."""
    M = np.ones((nbytes // 8 // 1024, 1024))
    v = np.ones(1024)
    return M.nbytes / median_seconds(lambda: M @ v, repeat) / 1e9


def dense_flops(layer_dims, m: int) -> int:
    """Multiply-adds of a forward pass through dense layers, counted as 2 flops each."""
    return sum(2 * m * n_in * n_out for n_in, n_out in zip(layer_dims[:-1], layer_dims[1:]))


# --- the course's workloads, through the reference solutions -------------------------------------------


def cat_like_data(m: int, rng) -> tuple[np.ndarray, np.ndarray]:
    X = rng.random((12288, m))  # pixels scaled to [0, 1], as the notebooks feed them
    Y = (rng.random((1, m)) < 0.35).astype(float)
    return X, Y


def numpy_workloads(repeat: int):
    rng = np.random.default_rng(1)
    X, Y = cat_like_data(209, rng)
    w = rng.standard_normal((12288, 1)) * 0.01
    deep_dims = [12288, 20, 7, 5, 1]
    np.random.seed(1)
    params = dnn.initialize_parameters_scaled(deep_dims)

    def deep_iteration():
        AL, caches = dnn.L_model_forward(X, params)
        grads = dnn.L_model_backward(AL, Y, caches)
        dnn.update_parameters(params, grads, 0.0)  # learning rate 0: same work, parameters unchanged

    Xp = rng.standard_normal((2, 400))
    Yp = (rng.random((1, 400)) < 0.5).astype(float)
    np.random.seed(2)
    planar = snn.initialize_parameters(2, 4, 1)

    def planar_iteration():
        A2, cache = snn.forward_propagation(Xp, planar)
        grads = snn.backward_propagation(planar, cache, Xp, Yp)
        snn.update_parameters(planar, grads, 0.0)

    # (label, work, flops, bytes of memory traffic, key). Traffic counts the big arrays only: X is read
    # twice by propagate (w.T @ X, X @ dZ.T); the deep net reads X twice (W1 @ X, dZ1 @ X.T) and writes
    # dA0 (W1.T @ dZ1), each the size of X; the planar net is too small for memory to matter.
    return [
        (
            "logistic regression `propagate`, X (12288, 209)",
            lambda: lr.propagate(w, 0.0, X, Y),
            4 * 12288 * 209,
            2 * X.nbytes,
            "lr",
        ),
        ("4-layer net, one iteration, m = 209", deep_iteration, 3 * dense_flops(deep_dims, 209), 3 * X.nbytes, "deep"),
        (
            "planar net [2, 4, 1], one iteration, m = 400",
            planar_iteration,
            3 * dense_flops([2, 4, 1], 400),
            3 * Xp.nbytes,
            "planar",
        ),
    ]


# --- the same computations in PyTorch ------------------------------------------------------------------


def torch_workloads(torch, dtype):
    gen = torch.Generator().manual_seed(1)
    X = torch.rand((12288, 209), generator=gen, dtype=dtype)
    Y = (torch.rand((1, 209), generator=gen, dtype=dtype) < 0.35).to(dtype)
    w = (torch.randn((12288, 1), generator=gen, dtype=dtype) * 0.01).requires_grad_()
    b = torch.zeros((), dtype=dtype, requires_grad=True)

    def logistic_step():
        A = torch.sigmoid(w.T @ X + b)
        cost = torch.nn.functional.binary_cross_entropy(A, Y)
        w.grad = b.grad = None
        cost.backward()

    def make_net(dims, x, y, hidden):
        weights = [
            (torch.randn((o, i), generator=gen, dtype=dtype) / i**0.5).requires_grad_()
            for i, o in zip(dims[:-1], dims[1:])
        ]
        biases = [torch.zeros((o, 1), dtype=dtype, requires_grad=True) for o in dims[1:]]

        def iteration():
            A = x
            for W, bias in zip(weights[:-1], biases[:-1]):
                A = hidden(W @ A + bias)
            AL = torch.sigmoid(weights[-1] @ A + biases[-1])
            cost = torch.nn.functional.binary_cross_entropy(AL, y)
            for p in weights + biases:
                p.grad = None
            cost.backward()
            with torch.no_grad():
                for p in weights + biases:
                    p -= 0.0 * p.grad

        return iteration

    Xp = torch.randn((2, 400), generator=gen, dtype=dtype)
    Yp = (torch.rand((1, 400), generator=gen, dtype=dtype) < 0.5).to(dtype)
    return {
        "lr": logistic_step,
        "deep": make_net([12288, 20, 7, 5, 1], X, Y, torch.relu),
        "planar": make_net([2, 4, 1], Xp, Yp, torch.tanh),
    }


def blas_description() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    return "; ".join(
        f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')}, {i.get('num_threads')} threads)"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    opts = parser.parse_args(argv)

    peak64 = roofline(np.float64, 2048, opts.repeat)
    peak32 = roofline(np.float32, 2048, opts.repeat)
    # The cat set as the notebooks hold it, X of shape (12288, 209) in float64, is about 20 MB: the
    # bandwidth that bounds the workloads is the one at that size (it may sit in the last-level cache);
    # main memory's, on a much larger array, is reported beside it.
    working_set = 12288 * 209 * 8
    bandwidth = read_bandwidth(opts.repeat, working_set)
    dram = read_bandwidth(opts.repeat, 512 * 2**20)
    try:
        import torch

        torch.set_num_threads(os.cpu_count() or 1)
        torch_runs = torch_workloads(torch, torch.float64)
        torch_label = f"PyTorch {torch.__version__} CPU, {torch.get_num_threads()} threads, float64"
    except ImportError:
        torch, torch_runs, torch_label = None, {}, "PyTorch not installed (make bench installs it)"

    rows = []
    for label, fn, flops, traffic, key in numpy_workloads(opts.repeat):
        seconds = median_seconds(fn, opts.repeat)
        gflops = flops / seconds / 1e9
        intensity = flops / traffic
        attainable = min(peak64, intensity * bandwidth)  # the roofline at this arithmetic intensity
        ratio = ""
        if key in torch_runs:
            ratio = f"{median_seconds(torch_runs[key], opts.repeat) / seconds:.2f}"
        rows.append(
            (
                label,
                f"{seconds * 1e3:.2f}",
                f"{gflops:.2f}",
                f"{intensity:.2f}",
                f"{attainable:.1f}",
                f"{100 * gflops / attainable:.1f}%",
                ratio,
            )
        )

    report = [
        "# Benchmark: the course's numpy engine",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"numpy {np.__version__}; BLAS: {blas_description()}; {torch_label}.",
        f"Command: `make bench` (`python bench/run.py --repeat {opts.repeat}`), medians of {opts.repeat} runs.",
        "",
        f"Roofline: compute peak (2048 x 2048 matrix multiply) **{peak64:.1f} GFLOP/s float64** "
        f"({peak32:.1f} float32); read bandwidth **{bandwidth:.1f} GB/s** on a {working_set / 1e6:.0f} MB array, the "
        f"size of the cat set's X ({dram:.1f} GB/s from main memory, on 512 MiB). A workload doing I flops per "
        "byte it moves can reach at most min(peak, I x bandwidth): the 'attainable' column.",
        "",
        "| workload (float64, as in the notebooks) | ms | GFLOP/s | flops/byte | attainable GFLOP/s "
        "| of attainable | PyTorch time / numpy time |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *[f"| {' | '.join(r)} |" for r in rows],
        "",
        "A ratio above 1 means the numpy code is faster than PyTorch on the same computation.",
        "",
    ]
    text = "\n".join(report)
    Path(opts.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
