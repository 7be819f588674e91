"""nbgrader's configuration for this course. The repository root is the course directory.

The plain nbgrader commands (generate_assignment, autograde, generate_feedback, export), run from the
root, pick this file up. The plug-ins it switches on live in autograder/preprocessors/
(docs/ARCHITECTURE.md shows where each acts on a submission).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # so that `autograder` imports without an install

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from autograder.preprocessors import (  # noqa: E402
    HideHiddenTests,
    OverwriteCellsQuietly,
    ProvideSiblings,
    RequireCourseConfig,
    RestoreStructure,
    SandboxedExecute,
    SealWorkingCopy,
    TrustedChecks,
)

c = get_config()  # noqa: F821 (nbgrader provides it)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "dl-foundations"
# An instructor's gradebook can live in a server database: set NBGRADER_DB_URL, e.g.
# postgresql+psycopg://grader@localhost/course (see the README). The default is nbgrader's SQLite file.
if os.environ.get("NBGRADER_DB_URL"):
    c.CourseDirectory.db_url = os.environ["NBGRADER_DB_URL"]

# Student work in the release must not carry solutions or hidden tests; nbgrader's defaults do that.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Autograde: links, special files and unreadable notebooks in a submission are set aside with a note
# (renamed *.set-aside, which nbgrader never copies); every submission is laid out as the handed-out
# notebook (deleted, duplicated or re-flagged cells come back as they were); it runs sandboxed; then the
# trusted checks decide every test cell. The working copy holds regular files only, before and after.
c.Autograde.pre_convert_hook = "autograder.preprocessors.hooks.prepare_submission"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.set-aside"]
c.Autograde.sanitize_preprocessors = [
    RequireCourseConfig,
    RestoreStructure,
    ClearOutput,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCellsQuietly,  # nbgrader's OverwriteCells, without a warning that was noise here
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    SealWorkingCopy,
    ProvideSiblings,
    SandboxedExecute,
    TrustedChecks,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
    SealWorkingCopy,
]

# Every limit of grading, set to its default (each option's help says what it bounds; the README's table
# quotes them, and tests/test_docs.py checks that both agree with the code).
c.SandboxLimits.memory_bytes = 4 * 2**30  # numpy and the kernel need about 1 GiB of it
c.SandboxLimits.cpu_seconds = 600
c.SandboxLimits.file_bytes = 64 * 2**20
c.SandboxLimits.open_files = 256
c.SandboxLimits.tmp_bytes = 256 * 2**20  # /tmp and /dev/shm, each
c.SandboxLimits.workdir_bytes = 256 * 2**20
c.SandboxLimits.socket_dir_bytes = 2**20  # the kernel's socket folder
c.Execute.timeout = 60  # seconds per cell: the longest training cell takes well under this
c.SandboxedExecute.notebook_timeout = 600
c.SandboxedExecute.max_output_chars = 100_000
# a larger message from a kernel is dropped unread (a cell keeps 100 000 characters of output anyway)
c.SandboxedKernelManager.max_message_bytes = 16 * 2**20
c.TrustedChecks.call_timeout = 20
c.TrustedChecks.notebook_budget = 120  # seconds for all the trusted checks of one notebook

# Feedback shows each test's verdict and message, never the hidden tests' source.
c.GenerateFeedback.preprocessors = [RequireCourseConfig, GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
c.GenerateFeedback.post_convert_hook = "autograder.preprocessors.hooks.feedback_pages_only"  # the pages, nothing else

# Last line: the file was read to the end (RequireCourseConfig refuses to grade without it).
c.CourseConfig.complete = True
