"""``RestoreStructure``: lay a submission out as the handed-out notebook before nbgrader sanitizes it."""

from __future__ import annotations

import copy
import uuid
from pathlib import Path

import nbformat
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from autograder.paths import released_notebook
from course.notebook import grade_id as cell_grade_id
from course.notebook import is_answer_cell


class RestoreStructure(NbGraderPreprocessor):
    """Put a submission back into the shape of the handed-out notebook before nbgrader sanitizes it.

    nbgrader matches cells by grade id and stumbles (or crashes) on notebooks whose nbgrader cells were
    deleted, duplicated, renamed, re-flagged or reordered. Here, the cells nbgrader knows (answers,
    tests, set-up) are laid out in the handed-out order with the handed-out metadata; an answer cell keeps
    the student's code, anything missing comes back as handed out, and a second copy or an unknown
    grade id becomes an ordinary cell. The student's ordinary cells (notes, plots) stay, each after the
    known cell it followed. Grading then sees exactly the cells it expects, whatever was submitted.
    """

    def preprocess(self, nb, resources):
        released = nbformat.read(
            released_notebook(
                resources["nbgrader"]["assignment"],
                resources["nbgrader"]["notebook"],
                Path(CourseDirectory(config=self.config).root),
            ),
            as_version=4,
        )
        known = [cell for cell in released.cells if "nbgrader" in cell.metadata]
        known_ids = {cell.metadata.nbgrader["grade_id"] for cell in known}

        taken, groups, current = {}, {None: []}, None
        for cell in nb.cells:
            grade_id = cell_grade_id(cell)
            if grade_id in known_ids and grade_id not in taken:
                taken[grade_id] = cell
                current = grade_id
                groups[current] = []
                continue
            if "nbgrader" in cell.get("metadata", {}):
                del cell.metadata["nbgrader"]  # a duplicate, or a grade id the course does not have
            groups[current].append(cell)

        cells = list(groups[None])
        for original in known:
            grade_id = original.metadata.nbgrader["grade_id"]
            restored = copy.deepcopy(original)
            if grade_id in taken and is_answer_cell(original):
                restored.source = taken[grade_id].get("source", "")
                restored.cell_type = original.cell_type
            cells.append(restored)
            cells.extend(groups.get(grade_id, []))

        seen = set()
        for cell in cells:  # cell ids must be unique, and present
            if not cell.get("id") or cell["id"] in seen:
                cell["id"] = uuid.uuid4().hex[:8]
            seen.add(cell["id"])
        nb.cells = cells
        return nb, resources
