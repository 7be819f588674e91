"""The untrusted side of the trusted checks: code that runs inside the sandbox, beside the student's code.

It is shipped into the sandbox as plain files (the rest of ``autograder`` stays hidden), so it imports
nothing from ``autograder``; ``wire`` is shared with the trusted side, which parses every reply strictly.
"""
