"""Reference solutions, one module per assignment. Never importable from a student's sandboxed kernel."""
