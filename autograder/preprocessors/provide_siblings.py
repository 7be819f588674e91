"""``ProvideSiblings``: put a student's other notebooks of the assignment beside the one being graded,
never through a link.
"""

from __future__ import annotations

import os
import shutil
import stat

from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor


class ProvideSiblings(NbGraderPreprocessor):
    """Put the student's other notebooks of the assignment beside the one being graded.

    nbgrader grades one notebook at a time, each in ``autograded/<student>/<assignment>/``, and a
    notebook may import answers from a sibling (``course.notebook.import_answers``) that has not been
    graded yet. The student's submitted copy is placed there; it is replaced when its own turn comes.
    """

    def preprocess(self, nb, resources):
        here = resources["metadata"]["path"]
        coursedir = CourseDirectory(config=self.config)
        submitted = coursedir.format_path(
            coursedir.submitted_directory, resources["nbgrader"]["student"], resources["nbgrader"]["assignment"]
        )
        for sibling in sorted(os.listdir(submitted)) if os.path.isdir(submitted) else []:
            target = os.path.join(here, sibling)
            if sibling.endswith(".ipynb") and not os.path.lexists(target):
                copy_regular_file(os.path.join(submitted, sibling), target)
        return nb, resources


def copy_regular_file(source: str, target: str) -> bool:
    """Copy ``source`` to a new file ``target``; neither may be a link (nor anything but a regular file).
    Returns False, copying nothing, when either is."""
    try:
        src = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(src).st_mode):
            return False
        try:
            dst = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        except OSError:
            return False
        with os.fdopen(dst, "wb") as out, os.fdopen(os.dup(src), "rb") as inp:
            shutil.copyfileobj(inp, out)
        return True
    finally:
        os.close(src)
