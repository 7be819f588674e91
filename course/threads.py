"""How many threads numpy's linear algebra (BLAS) may use in a course notebook.

By default a BLAS library starts one thread per core. The course's problems are small: a matrix of
12288 x 209 numbers, multiplied thousands of times. For such products the threads spend more time
waiting for each other than computing, and on a busy machine they compete with every other program.
One thread is then as fast as many, or faster. The set-up cell of each notebook calls
``limit_blas_threads()`` once.

The limit only ever lowers the number of threads: where someone has set fewer (for example the
autograder's sandbox), that setting stays.
"""

from __future__ import annotations

import os

import numpy  # noqa: F401  (loads the BLAS library: threadpoolctl limits only libraries already loaded)
from threadpoolctl import threadpool_info, threadpool_limits

# COURSE_BLAS_THREADS, where set, replaces the default: the test suite runs the notebooks once with 2
# threads to prove that their stored outputs do not depend on the thread count.
# Measured on a busy 2-core machine (load 7 to 10), the cat training of notebook 05 (2000 steps) took
# 8-11 s on one thread and 55-71 s on two; 07b's two-layer network (2500 steps) 19-27 s against 245 s.
DEFAULT_THREADS = 1
THREADS_VARIABLE = "COURSE_BLAS_THREADS"


def blas_threads() -> int:
    """The number of threads the loaded BLAS libraries use now (the largest, if several are loaded)."""
    counts = [pool["num_threads"] for pool in threadpool_info() if pool.get("user_api") == "blas"]
    return max(counts, default=1)


def limit_blas_threads(threads: int | None = None) -> None:
    """Let BLAS use at most ``threads`` threads (and never more than the machine has cores).

    Without ``threads``, the number is COURSE_BLAS_THREADS where that is set, else 1. It never raises
    the number: a lower limit set before (by the grader, or by an earlier call) stays. ``blas_threads()``
    tells how many threads BLAS uses afterwards.
    """
    if threads is None:
        wanted = os.environ.get(THREADS_VARIABLE, str(DEFAULT_THREADS))
        if not wanted.strip().isdigit():
            raise ValueError(f"{THREADS_VARIABLE} should be a whole number of at least 1, got {wanted!r}")
        threads = int(wanted)
    if not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads should be a whole number of at least 1, got {threads!r}")
    allowed = min(threads, os.cpu_count() or 1, blas_threads())
    threadpool_limits(limits=allowed, user_api="blas")
