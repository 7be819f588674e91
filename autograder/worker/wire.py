"""A data-only encoding of Python values for the pipe between the trusted judge and the sandboxed worker.

Only plain data crosses: None, bool, int, float, str, lists, tuples, dicts with string keys, numeric
numpy arrays and scalars. Anything else is sent as a marker naming its type, so the judge can say
"returned a Foo, expected a float" without ever running code that the student's process produced.
Decoding never calls student code and never unpickles; malformed input raises ``WireError``.
"""

from __future__ import annotations

import base64
import json

import numpy as np

NUMERIC_KINDS = "biufc"
MAX_DEPTH = 32


class WireError(ValueError):
    """A message that is not a well-formed encoding."""


class Unsupported:
    """Stands in, on the trusted side, for a value of a type the wire does not carry."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name} object>"


def encode(value, depth: int = 0):
    if depth > MAX_DEPTH:
        return {"unsupported": "deeply nested value"}
    # exact type checks: a subclass (np.float64 is one of float) is encoded by what it really is
    kind = type(value)
    if value is None or kind in (bool, str):
        return value
    if kind is int:
        return {"int": str(value)}
    if kind is float:
        return {"float": repr(value)}
    if kind in (list, tuple):
        return {kind.__name__: [encode(v, depth + 1) for v in value]}
    if kind is dict:
        if not all(type(k) is str for k in value):
            return {"unsupported": "dict with non-string keys"}
        return {"dict": [[k, encode(v, depth + 1)] for k, v in value.items()]}
    if kind is np.ndarray and value.dtype.kind in NUMERIC_KINDS:
        data = np.ascontiguousarray(value)
        return {
            "ndarray": {
                "dtype": data.dtype.str,
                "shape": list(data.shape),
                "data": base64.b64encode(data.tobytes()).decode("ascii"),
            }
        }
    if isinstance(value, np.generic) and np.dtype(kind).kind in NUMERIC_KINDS:
        return {"scalar": {"dtype": value.dtype.str, "data": base64.b64encode(value.tobytes()).decode("ascii")}}
    return {"unsupported": f"{kind.__module__}.{kind.__qualname__}"}


def _decode_array(spec) -> np.ndarray:
    if not isinstance(spec, dict) or set(spec) - {"dtype", "shape", "data"}:
        raise WireError("malformed array")
    dtype = np.dtype(str(spec.get("dtype")))
    if dtype.kind not in NUMERIC_KINDS or dtype.hasobject:
        raise WireError(f"array of unsupported dtype {dtype}")
    shape = spec.get("shape")
    if not isinstance(shape, list) or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError("malformed array shape")
    raw = base64.b64decode(str(spec.get("data")), validate=True)
    count = int(np.prod(shape, dtype=np.int64))
    if len(raw) != count * dtype.itemsize:
        raise WireError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


def decode(obj, depth: int = 0):
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    if obj is None or type(obj) in (bool, str):
        return obj
    if type(obj) is not dict or len(obj) != 1:
        raise WireError(f"unexpected element {type(obj).__name__}")
    ((tag, body),) = obj.items()
    if tag == "int":
        return int(str(body))
    if tag == "float":
        return float(str(body))
    if tag in ("list", "tuple"):
        if type(body) is not list:
            raise WireError(f"malformed {tag}")
        items = [decode(v, depth + 1) for v in body]
        return items if tag == "list" else tuple(items)
    if tag == "dict":
        if type(body) is not list or not all(type(p) is list and len(p) == 2 and type(p[0]) is str for p in body):
            raise WireError("malformed dict")
        return {k: decode(v, depth + 1) for k, v in body}
    if tag == "ndarray":
        return _decode_array(body)
    if tag == "scalar":
        if not isinstance(body, dict):
            raise WireError("malformed scalar")
        return _decode_array({"dtype": body.get("dtype"), "shape": [], "data": body.get("data")})[()]
    if tag == "unsupported":
        return Unsupported(str(body)[:200])
    raise WireError(f"unknown tag {tag!r}")


def dumps(message: dict) -> bytes:
    return json.dumps(message, allow_nan=True).encode("utf-8") + b"\n"


def loads(line: bytes) -> dict:
    try:
        message = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"not a JSON message: {exc}") from None
    if type(message) is not dict:
        raise WireError("a message must be a JSON object")
    return message
