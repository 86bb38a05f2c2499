"""Reading an uploaded image safely: Pillow checks that it is a PNG, JPEG, GIF or WebP image of a sane size and
re-encodes it (PNG, or JPEG for photographs), which drops its metadata and anything hidden after the image."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 8 * 1024 * 1024
MAX_SIDE = 8000
MAX_PIXELS = 40_000_000
FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    content_type: str
    width: int
    height: int
    sha256: str


def clean_image(data: bytes) -> CleanImage:
    """The image re-encoded, or a ValidationError saying why it is refused."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise ValidationError(_("Choose an image file."))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The image is larger than 8 MB."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format or ""
            width, height = probe.size
            if kind not in FORMATS:
                raise ValidationError(_("Use a PNG, JPEG, GIF or WebP image."))
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                raise ValidationError(_("The image is too large: at most 8000 × 8000 pixels."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            photo = kind == "JPEG"
            converted = image.convert("RGB" if photo else "RGBA")
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The file is not an image that can be read (it may be cut or damaged).")) from exc
    out = io.BytesIO()
    if photo:
        converted.save(out, format="JPEG", quality=85, optimize=True)
    else:
        converted.save(out, format="PNG", optimize=True)
    body = out.getvalue()
    return CleanImage(
        data=body,
        content_type="image/jpeg" if photo else "image/png",
        width=width,
        height=height,
        sha256=hashlib.sha256(body).hexdigest(),
    )


EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg"}


def extensions(image_ids: set[int]) -> dict[int, str]:
    """Each image's file extension, for addresses that static web servers serve with the right type."""
    from hyte.reports.models import ReportImage

    found = ReportImage.objects.filter(pk__in=image_ids).values_list("pk", "content_type")
    return {pk: EXTENSIONS[kind] for pk, kind in found}


def data_uris(image_ids: set[int]) -> dict[int, str]:
    """The images as data URLs, for documents rendered without a web server (the PDF)."""
    import base64

    from hyte.reports.models import ReportImage

    found = ReportImage.objects.filter(pk__in=image_ids).values_list("pk", "content_type", "data")
    return {pk: f"data:{kind};base64,{base64.b64encode(bytes(data)).decode()}" for pk, kind, data in found}
