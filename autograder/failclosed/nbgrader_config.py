"""Fail closed when the course's own nbgrader_config.py does not load.

nbgrader only logs a warning when a configuration file is missing or broken, and then grades with its
defaults, which run student code without the sandbox or the trusted checks. ``make setup`` copies this
file into the venv's ``etc/jupyter/`` and ``grading_task`` also puts this folder on ``JUPYTER_CONFIG_PATH``;
either way it is loaded *before* the course's file: its settings stand only if the course's file did not
replace them, and then every autograde and feedback run stops with the reason (``RequireCourseConfig``).
"""

c = get_config()  # noqa: F821 (nbgrader provides it)

c.Autograde.sanitize_preprocessors = ["autograder.preprocessors.RequireCourseConfig"]
c.Autograde.autograde_preprocessors = ["autograder.preprocessors.RequireCourseConfig"]
c.GenerateFeedback.preprocessors = ["autograder.preprocessors.RequireCourseConfig"]
