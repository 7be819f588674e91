"""Hidden checks, one module per assignment: for each graded function, a generator of ``judge.Call``."""
