"""A chart as a PNG picture for the DOCX export (Word shows no SVG without a PNG beside it): the indicator's
values over the years as a line, with the axis values and the source, drawn with Pillow."""

from __future__ import annotations

import io
from collections.abc import Sequence

from hyte.core.formats import format_number

WIDTH, HEIGHT = 1200, 600
LEFT, RIGHT, TOP, BOTTOM = 130, 40, 80, 90
INK, GRID, LINE = (27, 31, 36), (201, 208, 217), (0, 80, 138)


def line_chart_png(*, title: str, series: Sequence[tuple[int, float | None]], decimals: int, source: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    points = [(year, value) for year, value in series if value is not None]
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    small = ImageFont.load_default(size=18)
    draw.text((LEFT, 20), title[:110], fill=INK, font=font)
    if not points:
        draw.text((LEFT, HEIGHT // 2), "–", fill=INK, font=font)
        return _png(image)
    years = [year for year, _value in points]
    values = [value for _year, value in points]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    first, last = min(years), max(years)

    def x(year: int) -> float:
        return LEFT + (year - first) / ((last - first) or 1) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM)

    for step in range(5):  # horizontal grid lines with their values
        value = low + (high - low) * step / 4
        draw.line([(LEFT, y(value)), (WIDTH - RIGHT, y(value))], fill=GRID, width=1)
        draw.text((10, y(value) - 10), format_number(value, decimals), fill=INK, font=small)
    for year in sorted(set(years)):
        draw.text((x(year) - 22, HEIGHT - BOTTOM + 10), str(year), fill=INK, font=small)
    draw.line([(x(year), y(value)) for year, value in points], fill=LINE, width=4)
    for year, value in points:
        draw.ellipse([x(year) - 6, y(value) - 6, x(year) + 6, y(value) + 6], fill=LINE)
    draw.text((LEFT, HEIGHT - 40), source[:140], fill=INK, font=small)
    return _png(image)


def _png(image: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)  # type: ignore[attr-defined]
    return buffer.getvalue()
