"""Plots the notebooks share: image grids, learning curves and decision boundaries."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np


def _label_text(label, classes) -> str:
    if classes is None:
        return str(label)
    name = classes[int(label)]
    return name.decode("utf-8") if isinstance(name, bytes) else str(name)


def show_images(
    images: np.ndarray,
    labels: Sequence | None = None,
    classes: Sequence | None = None,
    titles: Sequence[str] | None = None,
    ncols: int = 8,
    size: float = 1.6,
):
    """A grid of images (m, height, width, 3), each titled with its label's class name or a given title."""
    images = np.asarray(images)
    if images.ndim != 4 or images.shape[-1] != 3:
        raise ValueError(f"images should have shape (m, height, width, 3), got {images.shape}")
    m = images.shape[0]
    ncols = max(1, min(ncols, m))
    nrows = int(np.ceil(m / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(ncols * size, nrows * size * 1.15), squeeze=False)
    for index, ax in enumerate(axes.flat):
        ax.axis("off")
        if index >= m:
            continue
        ax.imshow(images[index])
        if titles is not None:
            ax.set_title(titles[index], fontsize=8)
        elif labels is not None:
            ax.set_title(_label_text(np.ravel(labels)[index], classes), fontsize=8)
    fig.tight_layout()
    return fig


def plot_costs(costs: Sequence[float], every: int = 100, label: str | None = None, ax=None):
    """A learning curve: the cost recorded every ``every`` iterations."""
    ax = ax or plt.gca()
    ax.plot(np.arange(len(costs)) * every, np.squeeze(costs), label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    if label:
        ax.legend()
    return ax


def plot_decision_boundary(
    predict: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    ax=None,
    steps: int = 300,
    title: str | None = None,
):
    """Colour the plane by ``predict`` (which maps (2, k) points to (1, k) labels) and plot the data on it."""
    if X.shape[0] != 2:
        raise ValueError(f"X should have shape (2, m) for a plane, got {X.shape}")
    ax = ax or plt.gca()
    pad = 1.0
    x_min, x_max = X[0].min() - pad, X[0].max() + pad
    y_min, y_max = X[1].min() - pad, X[1].max() + pad
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, steps), np.linspace(y_min, y_max, steps))
    grid = np.c_[xx.ravel(), yy.ravel()].T
    Z = np.asarray(predict(grid)).reshape(xx.shape)
    ax.contourf(xx, yy, Z, cmap=plt.cm.Spectral, alpha=0.8)
    ax.scatter(X[0], X[1], c=np.ravel(Y), s=12, cmap=plt.cm.Spectral, edgecolors="k", linewidths=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax
