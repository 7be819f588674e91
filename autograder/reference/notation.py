"""Reference solutions for assignment 01, binary classification and notation.

Conventions: a picture is an array (height, width, channels); a set of m pictures is (m, height, width,
channels); unrolled, each picture is one column, so a data set X has shape (n_x, m) with
n_x = height * width * channels.
"""


def image_to_vector(image):
    """One picture (height, width, channels) unrolled into a column (height * width * channels, 1).

    The values are read in numpy's order (the last axis fastest), and keep their dtype.
    """
    return image.reshape(-1, 1)


def flatten_images(images):
    """m pictures (m, height, width, channels) -> X of shape (n_x, m): column i is picture i unrolled."""
    m = images.shape[0]
    return images.reshape(m, -1).T


def scale_pixels(X):
    """Pixel values 0..255 (any shape, any numeric dtype) scaled to [0, 1] as floats: X / 255."""
    return X / 255.0


def column_to_image(X, j, image_shape):
    """Column j of X (n_x, m) folded back into a picture of shape image_shape (height, width, channels)."""
    return X[:, j].reshape(image_shape)
