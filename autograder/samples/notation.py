"""Sample submissions for assignment 01, binary classification and notation."""

from autograder.samples import Sample

ALL_TESTS = {"test_image_to_vector", "test_flatten_images", "test_scale_pixels", "test_column_to_image"}

# A correct answer in another style: loops over rows, columns, channels and examples.
LOOPS_IMAGE = """
def image_to_vector(image):
    height, width, channels = image.shape
    v = np.zeros((height * width * channels, 1), dtype=image.dtype)
    k = 0
    for r in range(height):
        for c in range(width):
            for ch in range(channels):
                v[k, 0] = image[r, c, ch]
                k += 1
    return v
"""

LOOPS_FLATTEN = """
def flatten_images(images):
    m = images.shape[0]
    n_x = images[0].size
    X = np.zeros((n_x, m), dtype=images.dtype)
    for i in range(m):
        X[:, i] = image_to_vector(images[i])[:, 0]
    return X
"""

ASTYPE_SCALE = """
def scale_pixels(X):
    return X.astype(np.float64) * (1 / 255)
"""

LOOPS_COLUMN = """
def column_to_image(X, j, image_shape):
    height, width, channels = image_shape
    image = np.zeros(image_shape, dtype=X.dtype)
    k = 0
    for r in range(height):
        for c in range(width):
            for ch in range(channels):
                image[r, c, ch] = X[k, j]
                k += 1
    return image
"""

# A row (1, n) instead of a column (n, 1).
ROW_VECTOR = """
def image_to_vector(image):
    return image.reshape(1, -1)
"""

# The classic pitfall: reshape straight to (n_x, m); right only for a single picture.
WRONG_ORDER = """
def flatten_images(images):
    m = images.shape[0]
    return images.reshape(images[0].size, m)
"""

# Integer division: every pixel but pure white becomes 0.
INTEGER_DIVISION = """
def scale_pixels(X):
    return X // 255
"""

# Divided by the largest value present: right only when some pixel is 255.
SCALE_BY_MAX = """
def scale_pixels(X):
    return X / X.max()
"""

# Row j instead of column j.
ROW_NOT_COLUMN = """
def column_to_image(X, j, image_shape):
    return np.reshape(X[j], image_shape)
"""

# The visible test's expected values typed in.
HARD_CODED_FLATTEN = """
def flatten_images(images):
    return np.arange(24, dtype=np.uint8).reshape(2, 12).T
"""

SAMPLES = [
    Sample("correct", "every answer right"),
    Sample(
        "loops",
        "correct answers in another style: loops over pixels, channels and examples, astype then "
        "multiplication by 1/255",
        answers={
            "image_to_vector": LOOPS_IMAGE,
            "flatten_images": LOOPS_FLATTEN,
            "scale_pixels": ASTYPE_SCALE,
            "column_to_image": LOOPS_COLUMN,
        },
    ),
    Sample(
        "row_vector",
        "image_to_vector returns a row (1, n) instead of a column (n, 1)",
        answers={"image_to_vector": ROW_VECTOR},
        zero={"test_image_to_vector"},
        reason="expected (",
    ),
    Sample(
        "wrong_order",
        "flatten_images reshapes straight to (n_x, m), mixing pictures (right only for m = 1)",
        answers={"flatten_images": WRONG_ORDER},
        zero={"test_flatten_images"},
        reason="differs from the expected",
    ),
    Sample(
        "integer_division",
        "scale_pixels uses integer division //, so almost everything becomes 0",
        answers={"scale_pixels": INTEGER_DIVISION},
        zero={"test_scale_pixels"},
    ),
    Sample(
        "scale_by_max",
        "scale_pixels divides by the largest value present instead of 255",
        answers={"scale_pixels": SCALE_BY_MAX},
        zero={"test_scale_pixels"},
    ),
    Sample(
        "row_not_column",
        "column_to_image folds row j of X instead of column j",
        answers={"column_to_image": ROW_NOT_COLUMN},
        zero={"test_column_to_image"},
    ),
    Sample(
        "hard_coded",
        "flatten_images returns the visible test's expected matrix",
        answers={"flatten_images": HARD_CODED_FLATTEN},
        zero={"test_flatten_images"},
    ),
    Sample("as_released", "the answer cells left as handed out", base="release", zero=ALL_TESTS),
]
