"""Tests for course/images.py: reading a user's picture into the (64, 64, 3) uint8 layout."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from course.images import PictureError, PictureNotFoundError, load_picture


def _save(path, array, **kwargs):
    Image.fromarray(np.asarray(array, dtype=np.uint8)).save(path, **kwargs)
    return path


def _halves(width, height, left=(255, 0, 0), right=(0, 0, 255)):
    """An RGB image whose left half is one colour and right half another."""
    image = np.zeros((height, width, 3), dtype=np.uint8)
    image[:, : width // 2] = left
    image[:, width // 2 :] = right
    return image


def test_any_size_becomes_64_by_64_rgb_uint8(tmp_path):
    rng = np.random.default_rng(0)
    path = _save(tmp_path / "photo.png", rng.integers(0, 256, size=(120, 90, 3)))
    image = load_picture(path)
    assert image.shape == (64, 64, 3) and image.dtype == np.uint8


def test_a_64_by_64_png_comes_back_unchanged(tmp_path):
    rng = np.random.default_rng(1)
    original = rng.integers(0, 256, size=(64, 64, 3)).astype(np.uint8)
    assert np.array_equal(load_picture(_save(tmp_path / "same.png", original)), original)


def test_string_path_and_other_sizes(tmp_path):
    path = _save(tmp_path / "small.png", np.full((10, 10, 3), 200))
    image = load_picture(str(path), size=32)
    assert image.shape == (32, 32, 3)
    assert np.all(image == 200)


def test_grey_and_transparent_pictures_get_three_channels(tmp_path):
    grey = tmp_path / "grey.png"
    Image.fromarray(np.full((20, 30), 77, dtype=np.uint8), mode="L").save(grey)
    assert np.all(load_picture(grey) == 77)

    rgba = np.zeros((16, 16, 4), dtype=np.uint8)  # fully transparent
    clear = tmp_path / "clear.png"
    Image.fromarray(rgba, mode="RGBA").save(clear)
    assert np.all(load_picture(clear) == 255)  # laid on white
    assert np.all(load_picture(clear, background=(0, 0, 0)) == 0)


def test_crop_keeps_the_centre_and_no_crop_squeezes_everything(tmp_path):
    wide = np.zeros((100, 300, 3), dtype=np.uint8)
    wide[:, :100] = (255, 0, 0)
    wide[:, 100:200] = (0, 0, 255)  # the centred square
    wide[:, 200:] = (255, 0, 0)
    path = _save(tmp_path / "wide.png", wide)
    cropped = load_picture(path)
    assert np.all(cropped[..., 2] > 250) and np.all(cropped[..., 0] < 5)
    squeezed = load_picture(path, crop=False)
    assert squeezed[:, 0, 0].min() > 250 and squeezed[:, 32, 2].min() > 250


def test_exif_orientation_is_applied(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90 degrees clockwise to show it upright
    path = tmp_path / "turned.jpg"
    Image.fromarray(_halves(40, 20)).save(path, exif=exif, quality=95)
    image = load_picture(path, crop=False).astype(int)
    top, bottom = image[:24].mean(axis=(0, 1)), image[40:].mean(axis=(0, 1))
    assert top[0] > 200 > top[2] and bottom[2] > 200 > bottom[0]  # the left half (red) is now on top


def test_first_frame_of_an_animation(tmp_path):
    frames = [Image.fromarray(np.full((8, 8, 3), value, dtype=np.uint8)) for value in (0, 255)]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:])
    assert np.all(load_picture(path) == 0)


def test_missing_file_names_the_file(tmp_path):
    path = tmp_path / "no_such_cat.jpg"
    with pytest.raises(PictureNotFoundError, match="no_such_cat.jpg") as info:
        load_picture(path)
    assert isinstance(info.value, FileNotFoundError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("content", [b"", b"this is not an image", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40])
def test_unreadable_file_names_the_file(tmp_path, content):
    path = tmp_path / "broken.png"
    path.write_bytes(content)
    with pytest.raises(PictureError, match=r"broken\.png: could not be read as an image"):
        load_picture(path)


def test_truncated_jpeg_is_refused(tmp_path):
    path = _save(tmp_path / "whole.jpg", np.random.default_rng(2).integers(0, 256, size=(64, 64, 3)))
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(path.read_bytes()[:300])
    with pytest.raises(PictureError, match="cut.jpg"):
        load_picture(cut)


def test_directory_and_bad_size_are_refused(tmp_path):
    with pytest.raises(PictureError, match="directory"):
        load_picture(tmp_path)
    path = _save(tmp_path / "ok.png", np.zeros((4, 4, 3)))
    for size in (0, -3, 2.5, True, "64"):
        with pytest.raises(PictureError, match="size"):
            load_picture(path, size=size)
