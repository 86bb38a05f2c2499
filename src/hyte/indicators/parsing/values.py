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
    """The file as a whole cannot be read; nothing was imported. The message does not name the file: whoever
    reports it does, once."""


CUT_OFF = (
    "the file ends in the middle of a line (line {line} has no line end): it was probably cut off while "
    "downloading, and its last value may be incomplete; nothing was imported. Download the file again"
)


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
    # What the file says besides the area key, to check the key's reading with: the area's name, official
    # code and Sotkanet category ("KUNTA"), and the indicator's title (for indicators the catalogue lacks).
    area_name: str = ""
    area_code: str = ""
    area_category: str = ""
    indicator_title: str = ""
    title_language: str = ""  # fi, sv or en: the language of the web site the file was saved from


@dataclass(slots=True)
class Rejected:
    line: int
    reason: str
    content: str = ""


Parsed = ParsedRow | Rejected


GENDERS = {
    "total": Gender.TOTAL,
    "combined": Gender.TOTAL,  # the English web site's word
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
NOT_AVAILABLE_MARKS = {"NA", "N/A", "n/a"}  # R's and spreadsheets' missing value


_SPACES = re.compile(r"[\s\u00a0\u202f]")
# What a number may look like: 12 · 12.5 · 12,5 · 1,234.5 · 1.234,5 · 1e-04 (R writes small numbers so). A
# trailing separator ("13," or "12.") is not a number: it is what an interrupted download leaves behind.
_NUMBER = re.compile(
    r"[+-]?(?:"
    r"\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|[.,]\d+"
    r")"
)


def parse_number(text: str | float | int | None) -> float | None:
    """'1 234,5' or '1234.5' or '1,234.5' → float; raise ValueError for anything else but a number."""
    if text is None:
        raise ValueError("empty")
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, int | float):
        value = float(text)
    else:
        cleaned = _SPACES.sub("", text)
        if _NUMBER.fullmatch(cleaned) is None:
            raise ValueError(text)
        if "," in cleaned and "." in cleaned:
            # Whichever comes last is the decimal separator; the other groups thousands.
            if cleaned.rfind(",") > cleaned.rfind("."):
                cleaned = cleaned.replace(".", "").replace(",", ".")
            else:
                cleaned = cleaned.replace(",", "")
        elif cleaned.count(",") > 1 or cleaned.count(".") > 1:
            cleaned = cleaned.replace(",", "").replace(".", "")  # 1,234,567 or 1.234.567
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
    if isinstance(text, str) and text.strip() in NOT_AVAILABLE_MARKS:
        return None, MissingReason.NOT_AVAILABLE
    return parse_number(text), ""


def parse_optional_number(text: Any) -> float | None:
    if text is None or (isinstance(text, str) and text.strip() in SUPPRESSED_MARKS | NOT_AVAILABLE_MARKS):
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


_GENDER_LANGUAGES = {
    "yhteensä": "fi",
    "miehet": "fi",
    "naiset": "fi",
    "totalt": "sv",
    "män": "sv",
    "kvinnor": "sv",
    "combined": "en",
    "male": "en",
    "female": "en",
}


def language_of_gender(text: Any) -> str:
    """The web site's exports are in the language of its pages; their gender word tells which."""
    return _GENDER_LANGUAGES.get(str(text or "").strip().lower(), "")


def parse_gender(text: Any) -> str:
    key = "" if text is None else str(text).strip().lower()
    if key not in GENDERS:
        raise ValueError(text)
    return GENDERS[key]


# --- reading bytes -------------------------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
)


def what_binary(data: bytes) -> str:
    """What a file that is not text is, in words: 'a PDF document', 'UTF-16 text', or '' for text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text"
    head = data[:4096]
    # UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
    if len(head) >= 8 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) < len(head) // 16:
        return "UTF-16 text"
    if len(head) >= 8 and head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) < len(head) // 16:
        return "UTF-16 text"
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in head:
        return "a binary file"
    return ""


def refuse_binary(data: bytes) -> None:
    """Refuse a file that is not text (by its start), naming what it is."""
    kind = what_binary(data)
    if kind == "UTF-16 text":
        raise FileRefused(
            "the file is UTF-16 text (what Excel saves as 'Unicode text'); save it as 'CSV UTF-8' and upload that"
        )
    if kind:
        raise FileRefused(f"the file is {kind}, not a table of values; upload a CSV, XLSX or XLS file")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else ISO-8859-1 as the Sotkanet web site writes; refuse what is not text.

    Line ends are made uniform: old Mac files end their lines with a bare CR.
    """
    refuse_binary(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("iso-8859-1")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def ends_complete(text: str) -> bool:
    """Whether the text's last line has its line end. A download cut mid-line has not."""
    return text.endswith("\n")
