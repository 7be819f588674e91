"""The instructor side: reference solutions, trusted hidden checks, nbgrader plug-ins and grading tools."""
