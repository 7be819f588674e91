"""The nbgrader plug-ins that make autograding safe to trust, one a module (nbgrader's own layout).
``nbgrader_config.py`` switches them on; docs/ARCHITECTURE.md shows where each acts on a submission.

* :class:`RequireCourseConfig` stops nbgrader when this course's nbgrader_config.py was not loaded.
* :class:`RestoreStructure` lays a submission out as the handed-out notebook before nbgrader's own
  sanitizing, whatever cells were deleted, duplicated, renamed or re-flagged;
  :class:`OverwriteCellsQuietly` is nbgrader's OverwriteCells without a warning that was noise here.
* :class:`SealWorkingCopy` keeps the working copy free of links before and after grading;
  :class:`ProvideSiblings` puts a student's other notebooks beside the one being graded.
* :class:`SandboxedExecute` runs each submitted notebook in a kernel inside the sandbox
  (:class:`SandboxedKernelManager`), with limits on time and output.
* :class:`TrustedChecks` then decides every test cell with the judge, outside the student's kernel.
* :class:`HideHiddenTests` removes the hidden tests' source from the feedback; their results stay.
* ``hooks``: :func:`~autograder.preprocessors.hooks.prepare_submission` (the pre-convert hook) sets aside
  links and special files in a submission before nbgrader copies anything;
  :func:`~autograder.preprocessors.hooks.feedback_pages_only` leaves the feedback pages and nothing else.
"""

from autograder.preprocessors.hide_hidden_tests import HideHiddenTests
from autograder.preprocessors.overwrite_cells_quietly import OverwriteCellsQuietly
from autograder.preprocessors.provide_siblings import ProvideSiblings, copy_regular_file
from autograder.preprocessors.require_course_config import RequireCourseConfig
from autograder.preprocessors.restore_structure import RestoreStructure
from autograder.preprocessors.sandboxed_execute import SandboxedExecute
from autograder.preprocessors.sandboxed_kernel import SandboxedKernelManager
from autograder.preprocessors.seal_working_copy import SealWorkingCopy, remove_links
from autograder.preprocessors.trusted_checks import TrustedChecks

__all__ = [
    "HideHiddenTests",
    "OverwriteCellsQuietly",
    "ProvideSiblings",
    "RequireCourseConfig",
    "RestoreStructure",
    "SandboxedExecute",
    "SandboxedKernelManager",
    "SealWorkingCopy",
    "TrustedChecks",
    "copy_regular_file",
    "remove_links",
]
