"""course.threads: the notebooks' set-up lowers the BLAS threads, and never raises a lower limit."""

import os

import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from course.threads import blas_threads, limit_blas_threads


def test_there_is_a_blas_library_to_limit():
    # without one, every test below would pass whatever limit_blas_threads did
    assert any(pool.get("user_api") == "blas" for pool in threadpool_info())


def test_it_lowers_the_threads_to_one_by_default():
    with threadpool_limits(limits=2, user_api="blas"):  # restores the test process's setting afterwards
        limit_blas_threads()
        assert blas_threads() == 1


def test_it_never_raises_a_lower_limit():
    with threadpool_limits(limits=1, user_api="blas"):
        limit_blas_threads(2)
        assert blas_threads() == 1


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2"])
def test_a_bad_number_of_threads_is_refused(bad):
    with pytest.raises(ValueError, match="threads should be a whole number of at least 1"):
        limit_blas_threads(bad)


def test_the_variable_sets_the_default(monkeypatch):
    monkeypatch.setenv("COURSE_BLAS_THREADS", "2")
    with threadpool_limits(limits=2, user_api="blas"):
        limit_blas_threads()
        assert blas_threads() == min(2, os.cpu_count() or 1)
    monkeypatch.setenv("COURSE_BLAS_THREADS", "two")
    with pytest.raises(ValueError, match="COURSE_BLAS_THREADS should be a whole number"):
        limit_blas_threads()
