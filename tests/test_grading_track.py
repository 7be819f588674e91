"""The classes of the second track (08-10), graded by the same tests as every other assignment
(tests/test_grading.py), in a file of their own: pytest-xdist runs a file whole on one worker, so these
classes are graded on one worker while test_grading.py grades 01-07 on the other."""

from test_grading import (  # noqa: F401  (the tests, collected here for these assignments)
    SECOND_TRACK,
    graded_classes,
    test_every_sample_gets_exactly_its_expected_points,
    test_feedback_explains_and_keeps_hidden_tests_hidden,
    test_grade_sheet_lists_every_student,
    test_no_submission_reaches_outside_its_own_folder,
)

graded = graded_classes(SECOND_TRACK)
