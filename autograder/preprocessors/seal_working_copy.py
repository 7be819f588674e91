"""``SealWorkingCopy``: the student's working copy holds regular files only, before and after grading."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor


def remove_links(folder: str | Path) -> list[str]:
    """Remove every link and special file (fifo, socket, device) under ``folder``, without following any;
    return their paths relative to it. A working copy or a feedback folder holds regular files only."""
    removed = []
    for dirpath, dirnames, filenames in os.walk(folder):  # os.walk does not descend into linked folders
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            mode = os.lstat(path).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                os.unlink(path)
                removed.append(os.path.relpath(path, folder))
    return removed


class SealWorkingCopy(NbGraderPreprocessor):
    """Autograde, first and last: the student's working copy (``autograded/<student>/<assignment>/``)
    holds regular files only, so that nothing nbgrader writes or chmods there follows a link out of it.
    (Student code can't make links there since the sandbox keeps its writes; this makes sure.)"""

    def preprocess(self, nb, resources):
        coursedir = CourseDirectory(config=self.config)
        folder = coursedir.format_path(
            coursedir.autograded_directory, resources["nbgrader"]["student"], resources["nbgrader"]["assignment"]
        )
        if os.path.islink(folder):
            raise RuntimeError(f"{folder} is a link: refusing to write the graded notebook through it")
        for path in remove_links(folder) if os.path.isdir(folder) else []:
            self.log.warning("removed %s from %s: a working copy holds regular files only", path, folder)
        return nb, resources
