"""JupyterLab as a student uses it: opens on the rendered start page, shows only nbgrader's student tools.

`make setup` installs this folder into the venv (`etc/jupyter-student/`, which `make lab` puts on
JUPYTER_CONFIG_PATH; in the students' copy, the venv's own `etc/jupyter/`). The instructor's JupyterLab,
started at the course root without it, keeps every nbgrader tool. The other two files:
- labconfig/page_config.json turns off nbgrader's instructor plug-ins in the page (Formgrader, Create
  Assignment, the course list);
- settings/overrides.json changes JupyterLab's defaults: Markdown files open rendered, no news prompt.
"""

import os

c = get_config()  # noqa: F821 (Jupyter provides it)

HERE = os.path.dirname(os.path.abspath(__file__))

# The notebook folder is the student's work/, where `make lab` copies START_HERE.md. (Set on LabApp:
# `jupyter lab` replaces the ServerApp's default with its own.)
c.LabApp.default_url = "/lab/tree/START_HERE.md"
# JupyterLab reads overrides.json from this folder (its default is inside the venv's share/jupyter/lab).
c.LabApp.app_settings_dir = os.path.join(HERE, "settings")
# The instructor's server side of nbgrader (the gradebook, the course list) is not started either; the
# Validate button's server extension is.
c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}
