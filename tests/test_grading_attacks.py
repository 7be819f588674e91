"""The class of the assignment that the attacks aim at, graded by the same tests as every other assignment
(tests/test_grading.py). It is the longest class to grade, so it has a file of its own: pytest-xdist runs
a file on one worker, and this one then runs beside the rest of tests/test_grading.py."""

from test_grading import (  # noqa: F401  (the tests, collected here for this assignment)
    graded_classes,
    test_every_sample_gets_exactly_its_expected_points,
    test_feedback_explains_and_keeps_hidden_tests_hidden,
    test_grade_sheet_lists_every_student,
    test_no_submission_reaches_outside_its_own_folder,
)

from autograder.samples import attacks

graded = graded_classes([attacks.ASSIGNMENT])
