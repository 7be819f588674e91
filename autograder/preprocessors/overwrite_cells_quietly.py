"""``OverwriteCellsQuietly``: nbgrader's OverwriteCells without a warning that was only noise here."""

from __future__ import annotations

from nbgrader.preprocessors import OverwriteCells


class OverwriteCellsQuietly(OverwriteCells):
    """nbgrader's OverwriteCells, without its warning that a locked cell's checksum changed.

    The warning came for every test cell of every submission: RestoreStructure has already put each
    locked cell back as handed out, and a handed-out test cell lacks its hidden tests, so its checksum
    never matches the instructor's version that OverwriteCells then restores. It never meant a student
    edit; other changes (cell type, points, locked) are still reported."""

    def report_change(self, name, attr, old, new):
        if attr == "checksum":
            self.log.debug("cell %s restored to the instructor's version (hidden tests included)", name)
            return
        super().report_change(name, attr, old, new)
