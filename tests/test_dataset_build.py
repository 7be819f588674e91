"""The dataset build pipeline, run end to end on a tiny fixture made here (no network).

The fixture imitates two ``emoji-datasource``-style npm packages (an ``emoji.json``
and 64 px PNGs) and OpenMoji's concept table, with simple shapes drawn by Pillow:
"cats" are round heads with two triangular ears, the rest are other shapes.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import sys
import tarfile
from pathlib import Path

import h5py
import numpy as np
import pytest
from PIL import Image, ImageDraw

from autograder.paths import ROOT


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_catvnoncat", ROOT / "datasets" / "build_catvnoncat.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look the module up while the class is made
    spec.loader.exec_module(mod)
    return mod


B = _load_builder()

CAT_HEX = B.CAT_CONCEPTS[:5]
FACE_HEX = B.ANIMAL_FACES[:4]
SMILEY_HEX = B.SMILEYS[:4]
OTHER_HEX = ["1F34E", "1F697", "26BD", "1F4A1"]  # apple, car, football, light bulb


def _draw(kind: str, colour, variant: int) -> Image.Image:
    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    c = tuple(colour) + (255,)
    if kind == "cat":
        d.polygon([(10, 28), (16, 4 + variant), (28, 18)], fill=c)
        d.polygon([(54, 28), (48, 4 + variant), (36, 18)], fill=c)
        d.ellipse((8, 14, 56, 60), fill=c)
        d.ellipse((20, 30, 26, 36), fill=(0, 0, 0, 255))
        d.ellipse((38, 30, 44, 36), fill=(0, 0, 0, 255))
    elif kind == "smiley":
        d.ellipse((6, 6, 58, 58), fill=c)
        d.arc((18, 24, 46, 48), 20, 160, fill=(0, 0, 0, 255), width=3)
    elif kind == "animal-face":
        d.ellipse((2, 8, 20, 30 + variant), fill=c)  # round or floppy ears
        d.ellipse((44, 8, 62, 30 + variant), fill=c)
        d.ellipse((8, 14, 56, 60), fill=c)
    else:
        d.rectangle((10 + variant, 12, 54, 52 - variant), fill=c)
    return img


@pytest.fixture(scope="module")
def fixture_packages(tmp_path_factory):
    base = tmp_path_factory.mktemp("fixture")
    table_rows = []
    concepts = (
        [(h, "cat") for h in CAT_HEX]
        + [(h, "animal-face") for h in FACE_HEX]
        + [(h, "smiley") for h in SMILEY_HEX]
        + [(h, "other") for h in OTHER_HEX]
    )
    for h, kind in concepts:
        group = "food-drink" if kind == "other" else "animals-nature"
        table_rows.append(
            {"hexcode": h, "annotation": f"{kind} {h.lower()}", "group": group, "openmoji_author": "", "skintone": ""}
        )
    csv_path = base / "openmoji.csv"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(table_rows[0]))
        w.writeheader()
        w.writerows(table_rows)

    roots, sources = {}, {}
    palettes = {
        "setA": [(240, 200, 60), (230, 120, 40), (90, 90, 90)],
        "setB": [(250, 170, 120), (180, 180, 200), (60, 40, 30)],
    }
    for s, (key, palette) in enumerate(palettes.items()):
        root = base / key / "package"
        img_dir = root / "img" / key / "64"
        img_dir.mkdir(parents=True)
        entries = []
        for i, (h, kind) in enumerate(concepts):
            fname = f"{h.lower()}.png"
            _draw(kind, palette[i % 3], variant=(i + s) % 5).save(img_dir / fname)
            entries.append({"unified": h, "image": fname})
        (root / "emoji.json").write_text(json.dumps(entries))
        roots[key] = root
        sources[key] = {
            "package": f"fixture-{key}",
            "version": "0.0.1",
            "kind": "emoji-datasource",
            "img_dir": f"img/{key}/64",
            "licence": "CC0-1.0",
            "licence_note": "test fixture",
            "attribution": f"Fixture art {key}, made by the test.",
        }
    table = B.concept_table(csv_path)
    return roots, sources, table


TRAIN = {"cat": 8, "non-cat": 14}
TEST = {"cat": 5, "non-cat": 3}


@pytest.fixture(scope="module")
def built(fixture_packages, tmp_path_factory):
    roots, sources, table = fixture_packages
    drawings = B.catalogue(roots, sources, table)
    out = tmp_path_factory.mktemp("out")
    manifest = B.build(drawings, out, seed=5, train_counts=TRAIN, test_counts=TEST, sources=sources)
    return drawings, out, manifest


def test_catalogue_finds_every_drawing_with_provenance(fixture_packages):
    roots, sources, table = fixture_packages
    drawings = B.catalogue(roots, sources, table)
    assert len(drawings) == 2 * 17
    assert sum(d.label for d in drawings) == 2 * len(CAT_HEX)
    ids = [d.id for d in drawings]
    assert len(set(ids)) == len(ids)
    for d in drawings:
        assert Path(d.path).is_file()
        assert d.source["package"].startswith("fixture-") and d.source["licence"] == "CC0-1.0"
        assert d.label == int(d.kind == "cat")


def test_split_keeps_drawings_apart(fixture_packages):
    roots, sources, table = fixture_packages
    drawings = B.catalogue(roots, sources, table)
    parts = B.split_drawings(drawings, TRAIN, TEST, np.random.default_rng(0))
    train_ids = {d.id for k in parts["train"] for d in parts["train"][k]}
    test_ids = {d.id for k in parts["test"] for d in parts["test"][k]}
    assert train_ids and test_ids and not train_ids & test_ids
    assert all(d.label == 1 for d in parts["test"]["cat"] + parts["train"]["cat"])
    assert all(d.label == 0 for s in parts.values() for d in s["non-cat"] + s["patch"])
    # Test cats come from both sources.
    assert {d.id.split(":")[0] for d in parts["test"]["cat"]} == {"setA", "setB"}


def test_build_writes_the_classic_schema(built):
    _, out, _ = built
    for split, counts in (("train", TRAIN), ("test", TEST)):
        m = counts["cat"] + counts["non-cat"]
        with h5py.File(out / f"{split}_catvnoncat.h5", "r") as f:
            assert sorted(f.keys()) == sorted([f"{split}_set_x", f"{split}_set_y", "list_classes"])
            x, y = f[f"{split}_set_x"], f[f"{split}_set_y"]
            assert x.shape == (m, 64, 64, 3) and x.dtype == np.uint8
            assert y.shape == (m,) and y.dtype == np.int64
            assert int(np.sum(y[:])) == counts["cat"]
            assert f["list_classes"].dtype == np.dtype("|S7")
            assert f["list_classes"][:].tolist() == [b"non-cat", b"cat"]


def test_manifest_matches_files(built):
    _, out, manifest = built
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest
    for split in ("train", "test"):
        name = f"{split}_catvnoncat.h5"
        assert manifest["files"][name]["sha256"] == hashlib.sha256((out / name).read_bytes()).hexdigest()
        with h5py.File(out / name, "r") as f:
            y = f[f"{split}_set_y"][:]
        entries = sorted((e for e in manifest["images"] if e["split"] == split), key=lambda e: e["index"])
        assert [e["index"] for e in entries] == list(range(len(y)))
        assert [e["label"] for e in entries] == y.tolist()
        for e in entries:
            assert e["subject"]["licence"] in B.ALLOWED_LICENCES
            assert e["subject"]["attribution"] and e["subject"]["version"] == "0.0.1"
            assert all(b["licence"] in B.ALLOWED_LICENCES for b in e["background"])


def test_built_split_and_no_near_duplicates(built):
    _, out, manifest = built
    used = {"train": set(), "test": set()}
    for e in manifest["images"]:
        used[e["split"]].add(e["subject"]["drawing"])
        used[e["split"]].update(b["drawing"] for b in e["background"])
    assert not used["train"] & used["test"]
    for split in ("train", "test"):
        with h5py.File(out / f"{split}_catvnoncat.h5", "r") as f:
            x = f[f"{split}_set_x"][:]
        assert B.min_pairwise_distance(x) >= B.NEAR_DUP_THRESHOLD


def test_near_duplicate_measure_catches_small_changes():
    rng = np.random.default_rng(0)
    base = rng.integers(0, 256, (64, 64, 3)).astype(np.uint8)
    shifted = np.roll(base, 1, axis=1)
    noisy = np.clip(base + rng.normal(0, 4, base.shape), 0, 255).astype(np.uint8)
    other = rng.integers(0, 256, (64, 64, 3)).astype(np.uint8)
    smooth = np.broadcast_to(np.linspace(0, 255, 64)[None, :, None], (64, 64, 3)).astype(np.uint8)
    smooth_shift = np.concatenate([smooth[:, :1], smooth[:, :-1]], axis=1)  # one pixel, no wrap
    assert B.min_pairwise_distance(np.stack([smooth, smooth_shift])) < B.NEAR_DUP_THRESHOLD
    assert B.min_pairwise_distance(np.stack([base, noisy])) < B.NEAR_DUP_THRESHOLD
    assert B.min_pairwise_distance(np.stack([smooth, 255 - smooth])) > B.NEAR_DUP_THRESHOLD
    assert B.min_pairwise_distance(np.stack([base, shifted, other, noisy])) < B.NEAR_DUP_THRESHOLD


def test_build_is_reproducible(built, fixture_packages, tmp_path):
    drawings, _, manifest = built
    _, sources, _ = fixture_packages
    again = B.build(drawings, tmp_path / "a", seed=5, train_counts=TRAIN, test_counts=TEST, sources=sources)
    other = B.build(drawings, tmp_path / "b", seed=6, train_counts=TRAIN, test_counts=TEST, sources=sources)
    assert again["files"] == manifest["files"]
    assert other["files"]["train_catvnoncat.h5"]["sha256"] != manifest["files"]["train_catvnoncat.h5"]["sha256"]


def test_fetch_unpacks_a_cached_tarball_without_network(tmp_path):
    src = tmp_path / "src" / "package"
    src.mkdir(parents=True)
    (src / "LICENSE").write_text("CC0")
    (tmp_path / "cache").mkdir()
    with tarfile.open(tmp_path / "cache" / "demo-1.2.3.tgz", "w:gz") as tar:
        tar.add(src, arcname="package")
    root = B.fetch_package("demo", "1.2.3", tmp_path / "cache")
    assert (root / "LICENSE").read_text() == "CC0"


def test_contact_sheet(built, tmp_path):
    _, out, _ = built
    B.contact_sheet(out, tmp_path / "sheet.png", per_row=6, rows_per_split=(2, 1))
    img = Image.open(tmp_path / "sheet.png")
    assert img.size == (6 * 68, 3 * 68 + 12)
