"""The hidden tests: compare a student's function with the reference solution on many inputs.

Checks are written once, per assignment, in ``autograder/hidden_checks/<module>.py``: for every graded function
a generator ``def name(rng)`` that yields :class:`Call` objects (the inputs, and how to compare). The
judge calls the reference solution (``autograder.reference.<module>``, read from the solution cells of
``source/``) and the student's function on each, and compares the results with :func:`compare`.

Two ways to run the same checks:

* in the instructor's notebook (``hidden_checks(...)`` inside the ``### BEGIN HIDDEN TESTS`` region),
  in-process, so that nbval proves the source solutions pass the hidden tests;
* at autograde time, by the ``TrustedChecks`` nbgrader plug-in, *outside* the student's kernel: the
  student's answer cells run in a sandboxed worker process, and the reference, the inputs and the
  comparison stay in this process, which no student code ever touches.
"""

from __future__ import annotations

import importlib
import inspect
import json
import numbers
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np

from autograder.paths import module_name  # noqa: F401 (judge.module_name: the module of an assignment)
from autograder.worker import wire
from autograder.worker.call_rules import call_as_graded
from autograder.worker.client import Worker
from course.checks import diagnosis, is_transpose

SEED = 2024  # the instructor's notebooks draw hidden inputs from np.random.default_rng(SEED): nbval sees the same
# At autograde time each run draws its own seed (TrustedChecks logs it), so no table of answers carries over.


@dataclass
class Call:
    """One call of a graded function, with what counts as agreeing with the reference."""

    args: tuple
    kwargs: dict = field(default_factory=dict)
    label: str = ""  # what a student reads in feedback, e.g. "X of shape (3, 5)"
    seed: int | None = None  # np.random.seed(seed) before the call, for functions that draw numbers
    rtol: float = 1e-5
    atol: float = 1e-7
    raises: type[BaseException] | None = None  # the call must raise this (and so must the reference)
    args_unchanged: bool = True  # the function must not modify the arrays it is given
    select: Callable[[Any], Any] | None = None  # compare only this part of the result


# ---------------------------------------------------------------------------------------------------
# Comparison: what a student is told, never how the answer is computed.


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, wire.Unsupported):
        return f"a {value.type_name} object"
    if isinstance(value, (np.generic,)):
        return f"a numpy {value.dtype} scalar"
    return f"a {type(value).__name__}"


def _short(value) -> str:
    if isinstance(value, np.generic):
        value = value.item()  # "0.5", not "np.float64(0.5)"
    with np.printoptions(precision=6, threshold=8, edgeitems=2, linewidth=100):
        text = repr(value) if not isinstance(value, np.ndarray) else np.array2string(value, separator=", ")
    return text if len(text) < 300 else text[:300] + " ..."


def _is_real_scalar(value) -> bool:
    return isinstance(value, (numbers.Real, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def compare(expected, got, where: str = "the result", rtol: float = 1e-5, atol: float = 1e-7) -> list[str]:
    """Problems with ``got`` as an answer where ``expected`` is right; an empty list means they agree.

    A problem says what is wrong (shape, dtype, type, a key, where a value differs, a constant factor or a
    flipped sign) and shows the student's own value, never the expected one: hidden inputs are drawn per
    run, and feedback must not hand out the answers to them."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{where} should be a dict with keys {sorted(expected)}, but it is {_describe(got)}"]
        missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected), key=str)
        problems = [f"{where} is missing the key(s) {missing}"] if missing else []
        problems += [f"{where} has unexpected key(s) {extra}"] if extra else []
        for key in expected:
            if key in got:
                problems += compare(expected[key], got[key], f"{where}[{key!r}]", rtol, atol)
        return problems
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return [
                f"{where} should be a {type(expected).__name__} of {len(expected)} items, but it is {_describe(got)}"
            ]
        if len(got) != len(expected):
            return [f"{where} should have {len(expected)} items, but it has {len(got)}"]
        problems = []
        for i, (e, g) in enumerate(zip(expected, got)):
            problems += compare(e, g, f"{where}[{i}]", rtol, atol)
        return problems
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            return [f"{where} should be an array of shape {expected.shape}, but it is {_describe(got)}"]
        if got.shape != expected.shape:
            transposed = is_transpose(expected, got, rtol, atol)
            return [
                f"{where} has shape {got.shape}, expected {expected.shape}"
                + (": it is the transpose of the expected array" if transposed else "")
            ]
        if got.dtype.kind not in "biuf":
            return [f"{where} has dtype {got.dtype}, expected numbers like {expected.dtype}"]
        if expected.dtype.kind in "biu" and not np.array_equal(got, expected):
            wrong = int(np.sum(got != expected))
            return [
                f"{where} differs from the expected values in {wrong} of {expected.size} places"
                + diagnosis(expected, got)
            ]
        wrong = ~np.isclose(got.astype(float), expected.astype(float), rtol=rtol, atol=atol, equal_nan=True)
        if wrong.any():
            gap = np.where(wrong, np.abs(got.astype(float) - expected), -1.0)
            gap[np.isnan(gap)] = np.inf  # a NaN where a number belongs is the worst difference there is
            worst = np.unravel_index(np.argmax(gap), expected.shape)
            return [
                f"{where} differs from the expected values in {int(wrong.sum())} of {expected.size} places "
                f"(largest difference at index {tuple(int(i) for i in worst)}: got {_short(got[worst])})"
                + diagnosis(expected, got)
            ]
        return []
    if isinstance(expected, bool) or isinstance(expected, np.bool_):
        if not isinstance(got, (bool, np.bool_)):
            return [f"{where} should be True or False, but it is {_describe(got)}"]
        if bool(got) != bool(expected):
            return [f"{where} is {bool(got)}, which is wrong here"]
        return []
    if isinstance(expected, (numbers.Real, np.floating, np.integer)):
        if not _is_real_scalar(got):
            hint = (
                " (a single number: float(np.squeeze(x)) turns a 1x1 array into one)"
                if isinstance(got, np.ndarray)
                else ""
            )
            return [f"{where} should be a number{hint}, but it is {_describe(got)}"]
        if isinstance(expected, float) and not isinstance(got, (float, np.floating)):
            return [f"{where} should be a float, but it is {_describe(got)}"]
        if not np.isclose(float(got), float(expected), rtol=rtol, atol=atol, equal_nan=True):
            return [
                f"{where} is {_short(float(got))}, which is not the expected value"
                + diagnosis(np.array([float(expected)]), np.array([float(got)]))
            ]
        return []
    if expected is None:
        return [] if got is None else [f"{where} should be None, got {_describe(got)}"]
    if isinstance(expected, str):
        if type(got) is not str:
            return [f"{where} should be a str, but it is {_describe(got)}"]
        return [] if got == expected else [f"{where} is {_short(got)}, which is not the expected text"]
    raise TypeError(f"the reference returned a {type(expected).__name__}, which compare() does not handle")


# ---------------------------------------------------------------------------------------------------
# Where the checks and the reference live.


def load(kind: str, module: str) -> ModuleType:
    return importlib.import_module(f"autograder.{kind}.{module}")


def checks_of(module: str) -> dict[str, Callable[[np.random.Generator], Iterator[Call]]]:
    """The graded function names of an assignment, each with its generator of calls."""
    checks = load("hidden_checks", module)
    return {
        name: fn
        for name, fn in vars(checks).items()
        if inspect.isgeneratorfunction(fn) and not name.startswith("_") and fn.__module__ == checks.__name__
    }


def function_of(grade_id: str) -> str:
    """Test cells are named after what they test: grade id 'test_propagate' checks ``propagate``."""
    if not grade_id.startswith("test_"):
        raise ValueError(f"test cell {grade_id!r} must be named test_<function>")
    return grade_id[len("test_") :]


def _calls(module: str, name: str, seed: int = SEED) -> list[Call]:
    generator = checks_of(module).get(name)
    if generator is None:
        raise LookupError(f"autograder/hidden_checks/{module}.py has no checks for {name!r}")
    return list(generator(np.random.default_rng(seed)))


def _signature(name: str, call: Call) -> str:
    label = f" with {call.label}" if call.label else ""
    return f"{name}(...){label}"


def _expected(reference: Callable, call: Call):
    return call_as_graded(reference, call.args, call.kwargs, call.seed)[0]


def outcome_in_process(function: Callable, call: Call) -> dict:
    """The outcome of ``call`` of ``function`` in this process, as :func:`judge_outcome` takes it."""
    try:
        result, args_after = call_as_graded(function, call.args, call.kwargs, call.seed)
    except Exception as exc:
        return {"raised": {"type": type(exc).__name__, "message": str(exc)}}
    return {"result": result, "args_after": args_after}


def judge_outcome(name: str, call: Call, reference: Callable, outcome: dict) -> list[str]:
    """Problems with one call's outcome. ``outcome`` is {"result", "args_after"} or {"raised"} or {"missing"}."""
    sig = _signature(name, call)
    if "missing" in outcome:
        return [f"{name} is not defined: run the cell that defines it, and keep its name"]
    if call.raises is not None:
        raised = outcome.get("raised")
        if raised is None:
            return [f"{sig} should raise {call.raises.__name__}, but it returned normally"]
        if raised["type"] != call.raises.__name__:
            return [f"{sig} should raise {call.raises.__name__}, but it raised {raised['type']}"]
        return []
    if "raised" in outcome:
        raised = outcome["raised"]
        return [f"{sig} raised {raised['type']}: {raised['message']}"]
    expected = _expected(reference, call)
    got = outcome["result"]
    if call.select is not None:
        expected, got = call.select(expected), _select_or_problem(call.select, got)
    problems = compare(expected, got, f"the result of {sig}", call.rtol, call.atol)
    if call.args_unchanged and not problems:
        after = outcome.get("args_after")
        if not isinstance(after, list) or len(after) != len(call.args) or compare(list(call.args), after, "", 0, 0):
            problems.append(f"{sig} modified the arrays it was given: a function must not change its inputs")
    return problems


def _select_or_problem(select, got):
    try:
        return select(got)
    except Exception:
        return wire.Unsupported("result of another structure")


# ---------------------------------------------------------------------------------------------------
# In-process: the hidden-tests region of the instructor's notebooks.


def hidden_checks(module: str, name: str, function: Callable, seed: int = SEED) -> None:
    """Run the hidden checks of ``module``'s ``name`` (inputs drawn with ``seed``) against ``function`` in
    this process; raise on any problem."""
    reference = getattr(load("reference", module), name)
    problems: list[str] = []
    for call in _calls(module, name, seed):
        problems += judge_outcome(name, call, reference, outcome_in_process(function, call))
    if problems:
        raise AssertionError("\n".join(problems))


# ---------------------------------------------------------------------------------------------------
# Out of process: the student's code runs in a sandboxed worker (autograder/worker/client.py starts it).


def judge_with_worker(module: str, name: str, worker: Worker, seed: int = SEED) -> list[str]:
    """Problems found by the hidden checks of ``name`` (inputs drawn with ``seed``), the student's code
    running in ``worker``."""
    reference = getattr(load("reference", module), name)
    problems: list[str] = []
    for call in _calls(module, name, seed):
        try:
            outcome = worker.call(name, call)
        except (wire.WireError, ValueError, TypeError, RecursionError) as exc:
            return problems + [f"{_signature(name, call)}: the answer could not be read ({exc})"]
        problems += judge_outcome(name, call, reference, outcome)
        if "missing" in outcome:
            break
    return problems


def setup_report(errors: list) -> list[str]:
    """What went wrong while defining the answers (a cell that raised), for the feedback."""
    lines = []
    for index, error in enumerate(errors):
        if error:
            kind = str(error.get("type", "Error")) if isinstance(error, dict) else "Error"
            message = str(error.get("message", "")) if isinstance(error, dict) else ""
            lines.append(f"answer cell {index + 1} raised {kind}: {message[:300]}")
    return lines


if __name__ == "__main__":  # a quick look: python -m autograder.judge <module> lists the checks
    for module in sys.argv[1:]:
        print(json.dumps({name: len(_calls(module, name)) for name in checks_of(module)}, indent=1))
