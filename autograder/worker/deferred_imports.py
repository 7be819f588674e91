"""Runs inside the sandbox: ``import matplotlib.pyplot`` in an answer or set-up cell costs nothing until used.

Every notebook's set-up cell imports pyplot for its figures, and the worker runs the set-up cells to define
the graded functions, which never draw. Importing pyplot costs about 0.35 s of CPU, as much as the rest of
the worker's start; with this, a worker pays it only if a function it calls really uses matplotlib.

:func:`install` puts a finder first on ``sys.meta_path``. ``matplotlib`` and ``matplotlib.pyplot`` are then
created as modules whose code has not run yet (their name, path and spec are set, so importing a
submodule works); the first attribute looked up on one runs its code, the package's first, in place, as
a plain import would have. Any other ``matplotlib.*`` import runs the package first, then loads as usual.
``importlib.util.LazyLoader`` does nearly this, but runs the package as soon as the import system reads
its ``__path__``, which every submodule import does.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from types import ModuleType

DEFERRED = ("matplotlib", "matplotlib.pyplot")
PACKAGE = "matplotlib"


class _NotRunYet(ModuleType):
    """A module whose code has not run: the first attribute it lacks runs it, then is looked up again."""

    def __getattr__(self, name):
        run(self)
        return getattr(self, name)


def run(module: ModuleType) -> None:
    """Run a deferred module's code (its package's first), once; anything else is left alone."""
    if type(module) is not _NotRunYet:
        return
    module.__class__ = ModuleType  # from here on an ordinary module, also while its own code runs
    parent = module.__name__.rpartition(".")[0]
    if parent in sys.modules:
        run(sys.modules[parent])
    module.__spec__.loader.exec_module(module)


class _Deferring(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        module.__spec__.loader = module.__loader__ = self.loader
        module.__class__ = _NotRunYet


class _DeferringFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in DEFERRED:
            if name.startswith(PACKAGE + ".") and PACKAGE in sys.modules:
                run(sys.modules[PACKAGE])  # a submodule may rely on the package having run, as it always has
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Deferring(spec.loader)
        return spec


def install() -> None:
    if not any(isinstance(finder, _DeferringFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _DeferringFinder())
