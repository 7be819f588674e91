"""The sandboxed worker of the trusted checks, and the grader's client that talks to it.

* ``run.py`` is the untrusted side: it runs inside the sandbox, beside the student's code, defines the
  student's answers and calls them as the judge asks. ``call_rules.py`` (how a graded function is called)
  and ``wire.py`` (the data-only encoding of the pipe) run there too and are shared with the trusted side.
  This folder is shown to the sandbox as plain files (the rest of ``autograder`` stays hidden), so those
  three import nothing from ``autograder``.
* ``client.py`` is the trusted side's end of the pipe, in the grader's process: it starts the worker and
  reads every reply strictly, never trusting it.
"""
