"""``TrustedChecks``: decide every autograded test cell with the judge, outside the student's kernel.

The student's answer cells run again in a clean sandboxed worker, and the judge (this process)
compares their functions with the reference. What the kernel printed in a test cell is replaced by
the judge's verdict, so nothing a submission does inside its kernel (patching numpy, builtins or
the tests) can turn a failure into a pass.
"""

from __future__ import annotations

import os
import secrets
import time

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Integer

from autograder import judge, sandbox
from autograder.paths import module_name
from autograder.preprocessors.outputs import error_output, stdout_output
from autograder.worker.client import BudgetUsedUp, Worker, WorkerFailed
from course.notebook import answer_code, is_test_cell


class TrustedChecks(NbGraderPreprocessor):
    """Decide every autograded test cell with the judge, outside the student's kernel."""

    call_timeout = Float(20.0, help="Seconds one call of a student's function may take.").tag(config=True)
    notebook_budget = Float(
        120.0,
        help=(
            "Seconds all the trusted checks of one notebook may take together, starting the worker included; "
            "checks not done by then fail, saying so. Bounds a notebook whose every call stays just under "
            "call_timeout."
        ),
    ).tag(config=True)
    hidden_seed = Integer(
        None,
        allow_none=True,
        help=(
            "Seed of the hidden inputs. Unset (the default), every notebook graded draws a fresh one and the "
            "log names it; set it to that number to grade again exactly as that run did."
        ),
    ).tag(config=True)

    def preprocess(self, nb, resources):
        module = module_name(resources["nbgrader"]["assignment"])
        self._seed = self.hidden_seed if self.hidden_seed is not None else secrets.randbits(32)
        self.log.info(
            "trusted checks of %s/%s: hidden inputs drawn with seed %d (--TrustedChecks.hidden_seed=%d repeats them)",
            resources["nbgrader"].get("student"),
            resources["nbgrader"].get("notebook"),
            self._seed,
            self._seed,
        )
        workdir = resources.get("metadata", {}).get("path") or os.getcwd()
        cells = answer_code(nb)
        deadline = time.monotonic() + self.notebook_budget
        worker, startup_problem = None, None
        try:
            for cell in nb.cells:
                if not is_test_cell(cell):
                    continue
                if worker is None and startup_problem is None:
                    # a worker that could not start is not started again for every test cell: the same
                    # answer cells would fail the same way, each time at the cost of a time-out
                    worker, startup_problem = self._start(cells, workdir, deadline)
                cell.outputs = self._verdict(module, cell.metadata.nbgrader["grade_id"], worker, startup_problem)
                if worker is not None and worker.process.poll() is not None:
                    worker = None  # it died on this function: the next one gets a fresh worker
                    if time.monotonic() >= deadline:
                        startup_problem = "not checked: the trusted checks of this notebook used up their time budget"
        finally:
            if worker is not None:
                worker.close()
        return nb, resources

    def _start(self, cells, workdir, deadline=None):
        try:
            worker = Worker(
                cells,
                workdir,
                call_timeout=self.call_timeout,
                deadline=deadline,
                limits=sandbox.SandboxLimits(config=self.config),
            )
        except BudgetUsedUp as exc:
            return None, str(exc)
        except (WorkerFailed, ValueError, TypeError) as exc:  # died, hung, or replied with garbage
            return None, f"your answer cells could not be run: {exc}"
        return worker, None

    def _verdict(self, module, grade_id, worker, startup_problem):
        try:
            name = judge.function_of(grade_id)
        except ValueError as exc:
            self.log.error("%s", exc)
            return [error_output("NoTrustedCheck", [str(exc)])]
        if worker is None:
            return [error_output("HiddenTestsFailed", [f"{name}: {startup_problem}"])]
        try:
            problems = judge.judge_with_worker(module, name, worker, self._seed)
        except LookupError as exc:
            self.log.error("%s", exc)
            return [error_output("NoTrustedCheck", [str(exc)])]
        except WorkerFailed as exc:
            problems = [f"{name}: {exc}"]
        except Exception:  # a fault of the grader's own: no points, the student is told, the log says why
            self.log.exception("the trusted checks of %s failed with an internal error", name)
            return [
                error_output(
                    "GraderError",
                    [
                        f"{name}: the grader hit an internal error while checking this answer; your instructor "
                        "can see it in the autograde log"
                    ],
                )
            ]
        if problems:
            context = judge.setup_report(worker.setup_errors)
            return [
                error_output(
                    "HiddenTestsFailed",
                    problems[:5] + ([f"... and {len(problems) - 5} more"] if len(problems) > 5 else []) + context,
                )
            ]
        return [stdout_output(f"{name}: passed every check, visible and hidden.\n")]
