"""How a graded function is called, the same way wherever it is called.

The sandboxed worker calls a student's function this way, the judge calls the reference solution this way,
and the hidden tests of the instructor's notebooks call the notebook's own function this way; so a
student's answer and the reference always see equal inputs and the same random numbers. Runs inside the
sandbox too, beside ``run.py``: it imports nothing from ``autograder``.
"""

import copy

import numpy as np


def call_as_graded(function, args, kwargs, seed):
    """Call ``function`` on deep copies of ``args`` and ``kwargs`` (a function that changes its inputs
    changes only its copies), after ``np.random.seed(seed)`` unless ``seed`` is None. Return the result and
    the copies of ``args`` as the call left them (the judge checks that they did not change). Whatever the
    function raises is raised."""
    passed_args, passed_kwargs = copy.deepcopy(list(args)), copy.deepcopy(dict(kwargs))
    if seed is not None:
        np.random.seed(seed)
    return function(*passed_args, **passed_kwargs), passed_args
