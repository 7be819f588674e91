"""Runs inside the sandbox: defines a student's answers, then calls them as the trusted judge asks.

Protocol (one JSON object a line): the judge sends {"cells": [source, ...]}; the worker runs each cell
and answers {"setup": [error or null, ...]}. Then for each {"call": name, "args": ..., "kwargs": ...,
"seed": int or null} it answers {"result": ..., "args_after": ...} or {"raised": {"type", "message"}} or
{"missing": name}. Nothing here is trusted: the judge treats every reply as data from the student.
"""

import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deferred_imports  # noqa: E402
import wire  # noqa: E402
from call_rules import call_as_graded  # noqa: E402

deferred_imports.install()  # the set-up cells' pyplot costs nothing unless a graded function draws

# The student's prints must not mix with the replies: keep the pipe on a private descriptor and send
# the process's own stdout and stderr to /dev/null.
_reply = os.fdopen(os.dup(1), "wb", buffering=0)
_null = os.open(os.devnull, os.O_WRONLY)
os.dup2(_null, 1)
os.dup2(_null, 2)
_requests = os.fdopen(os.dup(0), "rb")
os.dup2(os.open(os.devnull, os.O_RDONLY), 0)


def _send(message):
    _reply.write(wire.dumps(message))


def _brief(exc):
    return {"type": type(exc).__name__, "message": str(exc)[:500]}


def _python_source(code):
    """Turn IPython syntax (magics, shell escapes) into Python that ignores them. Plain Python, which
    means the same to both, is left alone without importing IPython (0.08 s of CPU at each worker's start)."""
    try:
        compile(code, "<answer cell>", "exec")
        return code
    except SyntaxError:
        pass
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:
        return code
    return TransformerManager().transform_cell(code)


class _NoIPython:
    """What get_ipython() returns here: magics and shell escapes in answer cells do nothing."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def _setup(cells):
    namespace = {"__name__": "__main__", "get_ipython": lambda: _NoIPython()}
    errors = []
    for index, code in enumerate(cells):
        try:
            exec(compile(_python_source(code), f"<answer cell {index + 1}>", "exec"), namespace)
            errors.append(None)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt too: a cell may raise anything
            errors.append(_brief(exc) | {"where": traceback.format_exc(limit=-1)[-300:]})
    return namespace, errors


def _call(namespace, request):
    name = request.get("call")
    function = namespace.get(name)
    if not callable(function):
        return {"missing": name}
    args = wire.decode(request.get("args"))
    kwargs = wire.decode(request.get("kwargs"))
    try:
        result, args_after = call_as_graded(function, args, kwargs, request.get("seed"))
    except BaseException as exc:
        return {"raised": _brief(exc)}
    return {"result": wire.encode(result), "args_after": wire.encode(args_after)}


def main():
    first = wire.loads(_requests.readline())
    namespace, errors = _setup(first.get("cells", []))
    _send({"setup": errors})
    for line in _requests:
        _send(_call(namespace, wire.loads(line)))


main()
