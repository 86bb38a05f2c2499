"""Checking an uploaded material: its size, and that it is what its name claims, read from its content.

Accepted: PDF, the Office and OpenDocument formats (Word, Excel, PowerPoint; Writer, Calc, Impress), plain text
and CSV in UTF-8, and PNG or JPEG images. Images go through the report images' check (`reports.images`: Pillow
reads and re-encodes them, dropping metadata such as a GPS position). Office and OpenDocument files are ZIP
archives: their parts are listed, never unpacked, and one whose parts would unpack to more than the limit is
refused, as the spreadsheet imports refuse theirs (`indicators.parsing.limits`).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.reports.images import clean_image

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024  # the parts of an Office file, as their own headers say

# extension → (content type, what it is called)
KINDS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint"),
    "odt": ("application/vnd.oasis.opendocument.text", "OpenDocument text"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "OpenDocument presentation"),
    "txt": ("text/plain; charset=utf-8", "text"),
    "csv": ("text/csv; charset=utf-8", "CSV"),
    "png": ("image/png", "PNG"),
    "jpg": ("image/jpeg", "JPEG"),
    "jpeg": ("image/jpeg", "JPEG"),
}
_OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
_OPENDOCUMENT = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    filename: str
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def _not_what_it_claims(extension: str) -> ValidationError:
    return ValidationError(
        _("The file is named .%(extension)s but its content is not a %(kind)s file: check the file and its name.")
        % {"extension": extension, "kind": KINDS[extension][1]}
    )


def _zip_parts(data: bytes, extension: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise _not_what_it_claims(extension) from exc
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise ValidationError(_("The file would unpack to more than 200 MB: it is refused."))
    return archive


def _check_content(data: bytes, extension: str) -> bytes:
    """The content as stored (an image re-encoded), or a ValidationError when it is not what its name claims."""
    if extension == "pdf":
        if not data.startswith(b"%PDF-"):
            raise _not_what_it_claims(extension)
        return data
    if extension in _OFFICE_PARTS:
        archive = _zip_parts(data, extension)
        if _OFFICE_PARTS[extension] not in archive.namelist():
            raise _not_what_it_claims(extension)
        return data
    if extension in _OPENDOCUMENT:
        archive = _zip_parts(data, extension)
        try:
            mimetype = archive.read("mimetype").strip()
        except (KeyError, zipfile.BadZipFile, OSError) as exc:
            raise _not_what_it_claims(extension) from exc
        if mimetype != _OPENDOCUMENT[extension]:
            raise _not_what_it_claims(extension)
        return data
    if extension in ("txt", "csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(
                _("A text or CSV file must be UTF-8 text: save it as UTF-8 and upload it again.")
            ) from exc
        if "\x00" in text:
            raise _not_what_it_claims(extension)
        return data
    magic = b"\x89PNG" if extension == "png" else b"\xff\xd8\xff"
    if not data.startswith(magic):
        raise _not_what_it_claims(extension)
    return clean_image(data).data  # Pillow reads it whole and writes it again: PNG as PNG, JPEG as JPEG


def check_upload(data: bytes, filename: str) -> CheckedFile:
    """The file as it will be stored, or a ValidationError saying in words why it is refused."""
    name = PurePosixPath(filename.replace("\\", "/")).name.strip()[:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not data:
        raise ValidationError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    if extension not in KINDS:
        raise ValidationError(
            _(
                "Files of this kind are not accepted: use PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, "
                "PNG or JPEG."
            )
        )
    stored = _check_content(data, extension)
    content_type = KINDS[extension][0]
    return CheckedFile(data=stored, filename=name, content_type=content_type, sha256=hashlib.sha256(stored).hexdigest())
