"""Hidden inputs are drawn afresh for every grading run, so a check must pass every correct answer on
every draw, not only on the seed the suite happens to use. The risk is long training: 10000 steps at a
large learning rate are chaotic on most small data sets, and an answer that adds in another order (loops
instead of np.dot) then ends somewhere else. Here the loop-style answers of sample "loops" (06), and the
other-style answers of the samples "other_styles" of 08, 09 and 10, meet the reference on many seeds."""

import copy
import inspect

import numpy as np
import pytest

from autograder.judge import hidden_checks, judge_outcome, outcome_in_process
from autograder.reference import shallow_network as ref
from autograder.samples import shallow_network as samples


@pytest.fixture(scope="module")
def loop_style_nn_model():
    namespace = {name: getattr(ref, name) for name in dir(ref) if not name.startswith("__")}
    namespace.update(np=np, copy=copy)
    for source in (samples.LOOPS_COST, samples.LOOPS_BACKWARD, samples.LOOPS_UPDATE):
        exec(source, namespace)
    exec(inspect.getsource(ref.nn_model), namespace)  # the same loop, calling the loop-style pieces
    return namespace["nn_model"]


# seeds 20, 23 and 37 failed with the earlier default-iterations case (five random points)
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5, 20, 23, 37])
def test_a_correct_loop_style_nn_model_passes_on_every_draw(seed, loop_style_nn_model, capsys):
    hidden_checks("shallow_network", "nn_model", loop_style_nn_model, seed=seed)  # raises on any problem


@pytest.mark.parametrize("seed", range(12))
def test_correct_answers_of_another_style_pass_the_regression_checks_on_every_draw(seed, capsys):
    # 08's sample "other_styles" (np.vstack, np.mean and np.dot, a loop over the examples, np.take) with the
    # notebook's own gradient descent calling them, against the notebook's solutions, on every hidden input.
    from autograder.hidden_checks import regression as regression_checks
    from autograder.paths import source_notebook
    from autograder.samples import regression as regression_samples
    from autograder.samples import solution_sources
    from course.checks import check_shape

    solutions = solution_sources(source_notebook("08_regression", "regression"))
    reference = {"np": np, "check_shape": check_shape}
    for source in solutions.values():
        exec(source, reference)
    other = {"np": np, "check_shape": check_shape}
    for source in (
        regression_samples.STACKED_FEATURES,
        regression_samples.MEAN_COST,
        regression_samples.LOOP_GRADIENTS,
        regression_samples.TAKE_SPLIT,
        solutions["gradient_descent"],
    ):
        exec(source, other)
    rng = np.random.default_rng(seed)
    for name in (
        "polynomial_features",
        "compute_cost",
        "compute_gradients",
        "gradient_descent",
        "train_validation_split",
    ):
        for call in getattr(regression_checks, name)(rng):
            problems = judge_outcome(name, call, reference[name], outcome_in_process(other[name], call))
            assert not problems, f"seed {seed}: {problems}"


@pytest.mark.parametrize("seed", range(12))
def test_correct_answers_of_another_style_pass_the_generative_checks_on_every_draw(seed):
    # 09's sample "other_styles" (one-hot counts, a loop, the log-odds through a sigmoid, np.linalg.inv, a loop
    # over columns, the cost picked by the labels) against the notebook's solutions, on every hidden input.
    from autograder.hidden_checks import generative_classification as generative_checks
    from autograder.paths import source_notebook
    from autograder.samples import generative_classification as generative_samples
    from autograder.samples import solution_sources
    from course.checks import check_shape

    reference = {"np": np, "check_shape": check_shape}
    for source in solution_sources(
        source_notebook("09_generative_classification", "generative_classification")
    ).values():
        exec(source, reference)
    other = {"np": np, "check_shape": check_shape}
    other_styles = next(sample for sample in generative_samples.SAMPLES if sample.student == "other_styles")
    for source in other_styles.answers.values():
        exec(source, other)
    rng = np.random.default_rng(seed)
    for name in other_styles.answers:
        for call in getattr(generative_checks, name)(rng):
            problems = judge_outcome(name, call, reference[name], outcome_in_process(other[name], call))
            assert not problems, f"seed {seed}: {problems}"


@pytest.mark.parametrize("seed", range(12))
def test_correct_answers_of_another_style_pass_the_tuning_checks_on_every_draw(seed, capsys):
    # 10's sample "other_styles" (the variance written out, np.power and np.divide, a while loop with np.take)
    # with the notebook's own minibatch_gradient_descent calling them, against the notebook's solutions.
    from autograder.hidden_checks import tuning_gradient_descent as tuning_checks
    from autograder.paths import source_notebook
    from autograder.samples import solution_sources
    from autograder.samples import tuning_gradient_descent as tuning_samples
    from course.checks import ShapeError, check_shape
    from course.logistic import logistic_cost_and_gradients as propagate

    solutions = solution_sources(source_notebook("10_tuning_gradient_descent", "tuning_gradient_descent"))
    given = {"np": np, "check_shape": check_shape, "ShapeError": ShapeError, "propagate": propagate}
    reference, other = dict(given), dict(given)
    for source in solutions.values():
        exec(source, reference)
    for source in (
        tuning_samples.WRITTEN_OUT_STANDARDIZE,
        tuning_samples.POWER_ADAGRAD,
        tuning_samples.WHILE_BATCHES,
        solutions["minibatch_gradient_descent"],
    ):
        exec(source, other)
    rng = np.random.default_rng(seed)
    for name in solutions:
        for call in getattr(tuning_checks, name)(rng):
            problems = judge_outcome(name, call, reference[name], outcome_in_process(other[name], call))
            assert not problems, f"seed {seed}: {problems}"
