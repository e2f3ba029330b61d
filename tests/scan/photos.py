"""A rendered page as a phone photographs it: on a table, turned ±5° and skewed, lit
unevenly, blurred, noisy, saved as JPEG at quality 50-60."""

from __future__ import annotations

import random

import cv2
import numpy as np


def photograph(
    image: np.ndarray,
    rng: random.Random,
    quality: int | None = None,
    longest: int = 0,
    shadow: bool = False,
) -> bytes:
    """The page as a phone photo: on a table, turned and skewed, unevenly lit (with
    `shadow`, the sharp-edged shadow of the phone over part of it), blurred, noisy, saved
    as JPEG at quality 50-60."""
    h, w = image.shape[:2]
    pad = int(0.08 * max(h, w))
    table = tuple(int(v) for v in rng.choice([(60, 80, 110), (90, 90, 90), (40, 50, 60)]))
    canvas = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=table)
    ch, cw = canvas.shape[:2]
    angle = np.radians(rng.uniform(-5, 5))
    centre = np.array([cw / 2, ch / 2])
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    source = np.float32([[0, 0], [cw, 0], [cw, ch], [0, ch]])
    target = np.float32(
        [
            (turn @ (corner - centre)) * 0.95
            + centre
            + [rng.uniform(-0.05, 0.05) * cw, rng.uniform(-0.05, 0.05) * ch]
            for corner in source
        ]
    )
    matrix = cv2.getPerspectiveTransform(source, target)
    shot = cv2.warpPerspective(canvas, matrix, (cw, ch), borderValue=table)
    direction = rng.uniform(0, 2 * np.pi)
    xs = np.linspace(0, np.cos(direction), cw, dtype=np.float32)[None, :]
    ys = np.linspace(0, np.sin(direction), ch, dtype=np.float32)[:, None]
    ramp = xs + ys
    ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
    light = cv2.merge([0.5 + 0.5 * ramp] * 3)  # the far side in shadow, half as bright
    if shadow:
        light = light * _shadow(ch, cw, rng)
    shot = cv2.multiply(shot, light, dtype=cv2.CV_8U)
    shot = cv2.GaussianBlur(shot, (0, 0), rng.uniform(0.6, 1.5))
    noise = np.empty(shot.shape, np.int16)
    cv2.setRNGSeed(rng.randint(0, 1 << 30))
    cv2.randn(noise, 0, 3)
    shot = cv2.add(shot, noise, dtype=cv2.CV_8U)
    if longest:  # the camera's size: 4032 a 12-megapixel phone photo
        scale = longest / max(shot.shape[:2])
        shot = cv2.resize(shot, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    ok, data = cv2.imencode(
        ".jpg", shot, [cv2.IMWRITE_JPEG_QUALITY, quality or rng.randint(50, 60)]
    )
    assert ok
    return data.tobytes()


def _shadow(height: int, width: int, rng: random.Random) -> np.ndarray:
    """A hard shadow from the bottom edge, up to 30-55 % of the page, 60-75 % as bright."""
    mask = np.zeros((height, width), np.float32)
    top = [rng.uniform(0.45, 0.7) * height, rng.uniform(0.45, 0.7) * height]
    left, right = sorted(rng.uniform(0, 1) * width for _n in range(2))
    right = max(right, left + 0.4 * width)
    corners = np.int32([(left, height), (left, top[0]), (right, top[1]), (right, height)])
    cv2.fillPoly(mask, [corners], 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), rng.uniform(2, 12))  # a sharp or soft edge
    return cv2.merge([1.0 - (1.0 - rng.uniform(0.6, 0.75)) * mask] * 3)
