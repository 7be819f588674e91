"""The limits of the sandboxed kernel, one at a time, on small notebooks (the samples test them together)."""

import json
import tempfile

import nbformat

from autograder.preprocessors import SandboxedExecute


def run(tmp_path, sources, **limits):
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(s) for s in sources],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    executor = SandboxedExecute(**limits)
    executor.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    return [[o.get("ename") or o.get("name") for o in cell.outputs] for cell in nb.cells], nb


def test_a_notebook_past_its_time_budget_runs_no_more_cells(tmp_path):
    # the budget counts from the kernel's start; the long cell is cut at the budget, not at its own limit
    kinds, _ = run(tmp_path, ["x = 1", "import time; time.sleep(60)", "print('late')"], timeout=60, notebook_timeout=8)
    assert kinds[0] == []
    assert "CellTimeoutError" in kinds[1]
    assert kinds[2] == ["NotebookTimeout"]


def test_a_cell_past_its_time_limit_is_interrupted_and_the_rest_still_runs(tmp_path):
    kinds, nb = run(tmp_path, ["while True: pass", "print('after')"], timeout=3, notebook_timeout=60)
    assert kinds[0] == ["KeyboardInterrupt", "CellTimeoutError"]
    assert nb.cells[1].outputs[0]["text"] == "after\n"


def test_a_dead_kernel_costs_the_rest_of_the_notebook_with_a_reason(tmp_path):
    kinds, nb = run(tmp_path, ["import os; os._exit(3)", "print('never')"], timeout=30, notebook_timeout=60)
    assert kinds == [["DeadKernel"], ["NotRun"]]
    assert "died in cell 1" in nb.cells[1].outputs[0]["evalue"]


def test_a_dead_kernel_leaves_no_folder_of_the_grader_behind(tmp_path, monkeypatch):
    # the grader's private folder of each kernel (its sandbox's pid file) is removed whether the kernel was
    # shut down or died: a class whose kernels die (os._exit, the memory limit) must not fill /tmp
    grader_tmp = tmp_path / "tmp"
    grader_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(grader_tmp))
    for sources in (["x = 1"], ["import os; os._exit(3)"]):
        run(tmp_path, sources, timeout=30, notebook_timeout=60)
        assert [p.name for p in grader_tmp.iterdir() if p.name.startswith("kernel-")] == [], sources


def test_output_beyond_the_cap_is_dropped(tmp_path):
    kinds, nb = run(
        tmp_path, ["for i in range(2000): print('x' * 100)"], timeout=30, notebook_timeout=60, max_output_chars=10_000
    )
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert len(text) < 12_000 and "output truncated" in text


def test_error_outputs_count_against_the_cap(tmp_path):
    kinds, nb = run(
        tmp_path, ["raise ValueError('x' * 1_000_000)"], timeout=30, notebook_timeout=60, max_output_chars=10_000
    )
    assert len(nbformat.writes(nb)) < 50_000, "a long error escaped the output cap"


def test_display_updates_count_against_the_cap(tmp_path):
    # many small displays sharing one id, then one large update: each of them would hold the large data
    kinds, nb = run(
        tmp_path,
        [
            "from IPython.display import display, update_display\n"
            "for _ in range(200):\n    display('small', display_id='d')",
            "update_display({'text/plain': 'x' * 100_000}, raw=True, display_id='d')",
        ],
        timeout=30,
        notebook_timeout=60,
        max_output_chars=10_000,
    )
    assert len(nbformat.writes(nb)) < 500_000, "display updates escaped the output cap"


def test_the_kernel_never_sees_a_hidden_test(tmp_path):
    # an answer cell that records every cell the kernel runs, and prints them later into the notebook
    test_cell = nbformat.v4.new_code_cell(
        "assert 1 == 1\n### BEGIN HIDDEN TESTS\nsecret_hidden_check = 42\n### END HIDDEN TESTS\n"
    )
    test_cell.metadata["nbgrader"] = {
        "grade": True,
        "solution": False,
        "locked": True,
        "grade_id": "test_x",
        "points": 1,
        "schema_version": 3,
    }
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "seen = []\nget_ipython().events.register('pre_run_cell', lambda info: seen.append(info.raw_cell))"
            ),
            test_cell,
            nbformat.v4.new_code_cell("print(seen, In)\nget_ipython().run_line_magic('history', '')"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    SandboxedExecute(timeout=30, notebook_timeout=60).preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    printed = json.dumps([cell.get("outputs", []) for cell in nb.cells])
    assert "assert 1 == 1" in printed  # the visible part ran and was recorded
    assert "secret_hidden_check" not in printed, "the hidden test reached the kernel"
    assert "secret_hidden_check" in nb.cells[1].source  # the graded notebook keeps the cell whole
