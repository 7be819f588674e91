"""Sample submissions for assignment 02, loss and cost."""

from autograder.samples import Sample

ALL_TESTS = {"test_sigmoid", "test_loss", "test_compute_cost"}
# Every cell of 02 runs in well under a second; the samples that never finish (here and in attacks.py)
# are cut after this many seconds instead of the course's minute. Not less: on a loaded machine the set-up
# cell's imports take seconds. (A 2 s limit on the trusted checks' calls was tried too: their worker's
# start, allowed twice that, ran out on a loaded machine and changed a sample's feedback.)
CELL_TIMEOUT = 6
# A class that grades fast: honest, wrong and attacking samples of 02 (here and in attacks.py), none that
# waits for a time limit (attack_builtins waits out a cell's limit: 60 s with the course's). The class-grading
# tests take the first 6 or all 12, the benchmark the first 8.
QUICK_CLASS = [
    "correct",
    "loops",
    "wrong_cost",
    "raising",
    "as_released",
    "attack_always_equal",
    "honest_float32",
    "attack_hardcoded",
    "attack_numpy_helpers",
    "attack_copy_reference",
    "attack_os_exit",
    "attack_link_out",
]

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample(
        "loops",
        "a correct answer in another style: an explicit loop over the examples",
        answers={
            "compute_cost": (
                "def compute_cost(A, Y):\n"
                "    total = 0.0\n"
                "    for a, y in zip(A[0], Y[0]):\n"
                "        total += -(y * np.log(a) + (1 - y) * np.log(1 - a))\n"
                "    return float(total / A.shape[1])\n"
            )
        },
    ),
    Sample(
        "wrong_cost",
        "the cost is summed, not averaged over m",
        answers={
            "compute_cost": "def compute_cost(A, Y):\n"
            "    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)))\n"
        },
        zero={"test_compute_cost"},
    ),
    Sample(
        "raising",
        "one answer raises",
        answers={"loss": "def loss(a, y):\n    raise ValueError('not done yet')\n"},
        zero={"test_loss"},
    ),
    Sample(
        "endless",
        "one answer never finishes (the time limits end it)",
        answers={"compute_cost": "def compute_cost(A, Y):\n    while True:\n        pass\n"},
        zero={"test_compute_cost"},
    ),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
