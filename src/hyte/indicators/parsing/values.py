"""The pieces every file format is made of: a parsed row or a rejected one, numbers with Finnish or English
decimals, years and periods, genders in Finnish, Swedish and English, and text in whatever encoding it came."""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass
from typing import Any

from hyte.indicators.models import Gender, MissingReason


class FileRefused(Exception):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass(slots=True)
class ParsedRow:
    line: int
    indicator: str
    area: str
    year: int
    value: float | None
    absolute_value: float | None = None
    gender: str = Gender.TOTAL
    age_group: str = ""
    period: str = ""
    ci_low: float | None = None
    ci_high: float | None = None
    missing_reason: str = ""
    area_name: str = ""


@dataclass(slots=True)
class Rejected:
    line: int
    reason: str
    content: str = ""


Parsed = ParsedRow | Rejected


GENDERS = {
    "total": Gender.TOTAL,
    "yhteensä": Gender.TOTAL,
    "yhteensa": Gender.TOTAL,
    "kaikki": Gender.TOTAL,
    "sukupuolet yhteensä": Gender.TOTAL,
    "totalt": Gender.TOTAL,
    "t": Gender.TOTAL,
    "": Gender.TOTAL,
    "male": Gender.MALE,
    "miehet": Gender.MALE,
    "mies": Gender.MALE,
    "pojat": Gender.MALE,
    "män": Gender.MALE,
    "men": Gender.MALE,
    "m": Gender.MALE,
    "female": Gender.FEMALE,
    "naiset": Gender.FEMALE,
    "nainen": Gender.FEMALE,
    "tytöt": Gender.FEMALE,
    "kvinnor": Gender.FEMALE,
    "women": Gender.FEMALE,
    "f": Gender.FEMALE,
    "n": Gender.FEMALE,
}
# Statistics Finland and THL mark suppressed or unavailable values with these.


SUPPRESSED_MARKS = {"", ".", "..", "...", "-", "–"}


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(text: str | float | int | None) -> float | None:
    """'1 234,5' or '1234.5' or '1,234.5' → float; raise ValueError for anything else but a number."""
    if text is None:
        raise ValueError("empty")
    if isinstance(text, int | float):
        return float(text)
    cleaned = _SPACES.sub("", text)
    if "," in cleaned and "." in cleaned:
        # Whichever comes last is the decimal separator; the other groups thousands.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if math.isnan(value) or math.isinf(value):  # NaN and infinities are not data
        raise ValueError(text)
    return value


def parse_value(text: Any) -> tuple[float | None, str]:
    """A value cell: the number, or None with the reason it is missing. Raises ValueError for junk."""
    if text is None or (isinstance(text, str) and text.strip() in SUPPRESSED_MARKS):
        return None, MissingReason.SUPPRESSED
    return parse_number(text), ""


def parse_optional_number(text: Any) -> float | None:
    if text is None or (isinstance(text, str) and text.strip() in SUPPRESSED_MARKS):
        return None
    return parse_number(text)


def parse_year(text: Any) -> tuple[int, str]:
    """'2012' → (2012, ''); '2019-2020' → (2020, '2019-2020'); '2023Q1' → (2023, '2023Q1')."""
    raw = str(text).strip()
    if re.fullmatch(r"\d{4}(\.0+)?", raw):
        year = int(float(raw))
        period = ""
    else:
        match = re.fullmatch(r"(\d{4})\s*[-–/]\s*(\d{2,4})|(\d{4})\s*[Qq/ ]\s*[1-4]|(\d{4})[-/](0[1-9]|1[0-2])", raw)
        if match is None:
            raise ValueError(raw)
        if match.group(2):
            end = match.group(2)
            year = int(end if len(end) == 4 else match.group(1)[:2] + end)
        else:
            year = int(match.group(1) or match.group(3) or match.group(4))
        period = raw.replace(" ", "")
    if not 1800 <= year <= 2200:
        raise ValueError(raw)
    return year, period


def parse_gender(text: Any) -> str:
    key = "" if text is None else str(text).strip().lower()
    if key not in GENDERS:
        raise ValueError(text)
    return GENDERS[key]


# --- reading bytes -------------------------------------------------------------------------------------------


def decode(data: bytes, *, name: str) -> str:
    """UTF-8 (with or without BOM), else ISO-8859-1 as the Sotkanet web site writes; refuse binary files."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4096]:
        raise FileRefused(f"{name}: the file is UTF-16 or binary, not text; save it as UTF-8 CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")
