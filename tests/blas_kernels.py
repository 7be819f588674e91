"""Which OpenBLAS kernel `make test` runs the notebooks under, besides the one OpenBLAS picks by itself.

    python tests/blas_kernels.py     # prints the other kernel (nothing where numpy has no OpenBLAS)

The two nbval runs of `make test` must add floating-point numbers in different orders, so the other
kernel must use other machine code than this CPU's own choice. On x86-64 that is Haswell (AVX2 with
fused multiply-add), the fastest of the common ones, unless OpenBLAS picks Haswell code by itself (on
Haswell-class Intel and on AMD Zen, whose kernel is Haswell's): then Sandybridge (AVX, no FMA); on a
Sandybridge-class CPU, Nehalem (SSE only). All the notebooks on one thread cost 124 CPU-seconds under
Haswell on these machines (AVX-512, whose own kernel is SkylakeX), 154 under Sandybridge. On 64-bit ARM:
the generic ARMV8 kernel. Elsewhere: none, and only the thread count differs.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

# OpenBLAS core types whose matrix products are Haswell's machine code
HASWELL_CODE = {"haswell", "zen"}


def openblas(env: dict[str, str] | None = None) -> dict | None:
    """What threadpoolctl reports of numpy's OpenBLAS (kernel, threads), in a fresh Python with ``env``."""
    probe = (
        "import json, numpy, threadpoolctl\n"
        "print(json.dumps([i for i in threadpoolctl.threadpool_info() if i['internal_api'] == 'openblas']))"
    )
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    found = json.loads(out)
    return found[0] if found else None


def own_kernel() -> str | None:
    """The kernel OpenBLAS picks for this CPU when no OPENBLAS_ variable is set."""
    info = openblas({k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")})
    return info["architecture"] if info else None


def other_kernel(own: str | None, machine: str = platform.machine()) -> str:
    """An OpenBLAS core type of this CPU family whose code differs from ``own``'s ("" if none is known)."""
    if own is None:
        return ""
    if machine == "x86_64":
        if own.lower() == "sandybridge":
            return "Nehalem"
        return "Sandybridge" if own.lower() in HASWELL_CODE else "Haswell"
    if machine in ("aarch64", "arm64"):
        return "" if own.lower() == "armv8" else "ARMV8"
    return ""


if __name__ == "__main__":
    print(other_kernel(own_kernel()))
