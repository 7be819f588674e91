"""``RequireCourseConfig``: stop nbgrader when this course's nbgrader_config.py was not loaded whole."""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor


class RequireCourseConfig(NbGraderPreprocessor):
    """Stops nbgrader unless this course's nbgrader_config.py was loaded whole.

    ``autograder/failclosed/nbgrader_config.py`` (which ``grading_task`` loads before the course's own
    file) makes this the only preprocessor; the course's file replaces that list and, on its last line,
    sets ``CourseConfig.complete``. A course file that is missing, broken or replaced (nbgrader then
    only logs a warning and would grade with its defaults: unsandboxed) therefore grades nothing."""

    def preprocess(self, nb, resources):
        if not self.config.get("CourseConfig", {}).get("complete"):
            raise RuntimeError(
                "this course's nbgrader_config.py was not loaded (missing, unreadable, or replaced): "
                "refusing to grade with nbgrader's defaults, which run student code unconfined"
            )
        return nb, resources
