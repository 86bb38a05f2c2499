"""Compile the gettext catalogues (.po → .mo) with Babel, so a fresh install needs no system gettext."""

from __future__ import annotations

from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def compile_catalogues(*, force: bool = False) -> list[Path]:
    """Compile every catalogue whose .mo is missing or older than its .po; return the files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        tmp_path = mo_path.with_suffix(".mo.tmp")
        with tmp_path.open("wb") as mo_file:
            # Fuzzy entries are guesses; gettext leaves them out, and so do we.
            write_mo(mo_file, catalog, use_fuzzy=False)
        tmp_path.replace(mo_path)
        written.append(mo_path)
    return written
