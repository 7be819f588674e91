"""Your own pictures for the classifiers: read an image file into the course's image layout.

The cat / non-cat images are 64 x 64 pixels with three colour channels, stored as ``uint8``
(see :mod:`course.data`). :func:`load_picture` turns a photo or drawing of any size and common format
into the same layout, so a trained model can classify it::

    from course.images import load_picture
    image = load_picture("my_cat.jpg")          # (64, 64, 3) uint8
    x = image.reshape(-1, 1) / 255              # (12288, 1), like one column of the training data

A file that is missing or is not an image raises :class:`PictureError` with a message that names it.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

__all__ = ["PictureError", "PictureNotFoundError", "load_picture"]

FORMATS_HINT = "use a JPEG, PNG, GIF, BMP, TIFF or WebP file"


class PictureError(ValueError):
    """A picture file cannot be read as an image."""


class PictureNotFoundError(PictureError, FileNotFoundError):
    """A picture file does not exist."""


def load_picture(
    path: str | os.PathLike, size: int = 64, crop: bool = True, background: tuple[int, int, int] = (255, 255, 255)
) -> np.ndarray:
    """Read an image file as a ``(size, size, 3)`` array of ``uint8``, ready for the course's models.

    Parameters
    ----------
    path:
        The image file (any format Pillow reads: JPEG, PNG, GIF, BMP, TIFF, WebP, ...).
    size:
        The side of the square result in pixels; the course's models expect 64.
    crop:
        If true (the default), first cut the largest centred square out of the picture, so that the
        subject keeps its proportions; if false, squeeze the whole picture into the square.
    background:
        The colour that transparent parts of the picture (PNG, GIF, WebP) are laid on.

    The picture is turned upright as its camera recorded it (EXIF orientation), converted to RGB (a grey
    picture gets three equal channels; only the first frame of an animation is used) and resized with
    a smooth (Lanczos) filter.

    Raises
    ------
    PictureNotFoundError
        (also a ``FileNotFoundError``) if there is no file at ``path``.
    PictureError
        (a ``ValueError``) if the file cannot be read as an image, or ``size`` is not a positive integer.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError  # imported here: only this module needs Pillow

    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
        raise PictureError(f"size should be a positive whole number of pixels, got {size!r}")
    path = Path(path).expanduser()
    if not path.exists():
        raise PictureNotFoundError(
            f"{path}: no such file (check the name; a relative path starts from the "
            f"folder Python runs in, for a notebook usually the notebook's folder)"
        )
    if not path.is_file():
        raise PictureError(f"{path}: is a directory, not an image file")
    try:
        with Image.open(path) as opened:
            opened.seek(0)
            picture = ImageOps.exif_transpose(opened)
            picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        raise PictureError(f"{path}: could not be read as an image ({exc}); {FORMATS_HINT}") from exc

    picture = _on_background(picture, background)
    if crop:
        side = min(picture.size)
        left, top = (picture.width - side) // 2, (picture.height - side) // 2
        picture = picture.crop((left, top, left + side, top + side))
    picture = picture.resize((int(size), int(size)), Image.Resampling.LANCZOS)
    return np.array(picture, dtype=np.uint8)


def _on_background(picture, background):
    """The picture in RGB, its transparent parts (if any) laid on ``background``."""
    from PIL import Image

    if picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        canvas = Image.new("RGBA", rgba.size, tuple(background) + (255,))
        return Image.alpha_composite(canvas, rgba).convert("RGB")
    return picture.convert("RGB")
