"""``HideHiddenTests``: for feedback, remove the hidden tests' source; their result stays."""

from __future__ import annotations

from nbgrader.preprocessors import ClearHiddenTests


class HideHiddenTests(ClearHiddenTests):
    """For feedback: drop the hidden tests' source, say where they ran; the verdict below stays."""

    def _remove_hidden_test_region(self, cell):
        removed = super()._remove_hidden_test_region(cell)
        if removed:
            cell.source = cell.source.rstrip() + "\n# (hidden tests ran here: their result is shown below)"
        return removed
