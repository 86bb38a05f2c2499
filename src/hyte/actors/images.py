"""An activity's picture, checked and made safe on upload: Pillow opens and verifies it; it must be a JPEG, PNG or
WebP image that is what its file name says (a `.jpg` that is really a PNG, or a script named `.png`, is refused),
within the size and pixel limits. It is re-encoded in its own format, turned upright by its EXIF orientation and
scaled to at most 1600 pixels a side, which drops its metadata (a phone photo's GPS position, the camera, comments)
and anything hidden after the image data."""

from __future__ import annotations

import hashlib
import io
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.reports.images import CleanImage

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 8000  # of the upload
MAX_PIXELS = 40_000_000
SHOWN_SIDE = 1600  # of the stored picture: plenty for a phone's and a laptop's screen
# Pillow's format → the content type and the file name endings that claim it.
FORMATS = {
    "JPEG": ("image/jpeg", {".jpg", ".jpeg"}),
    "PNG": ("image/png", {".png"}),
    "WEBP": ("image/webp", {".webp"}),
}
NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def _claimed(filename: str) -> str:
    """The format the file's name claims, or a refusal."""
    suffix = PurePath(filename.lower()).suffix
    for kind, (_type, suffixes) in FORMATS.items():
        if suffix in suffixes:
            return kind
    raise ValidationError(_("Use a JPEG, PNG or WebP image (a file ending in .jpg, .png or .webp)."))


def clean_activity_image(data: bytes, filename: str) -> CleanImage:
    """The picture re-encoded, or a ValidationError saying why it is refused."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise ValidationError(_("Choose an image file."))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The image is larger than 5 MB."))
    claimed = _claimed(filename)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format or ""
            width, height = probe.size
            if kind != claimed:
                raise ValidationError(
                    _("The file is not what its name says: it is not a %(claimed)s image.")
                    % {"claimed": NAMES[claimed]}
                )
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                raise ValidationError(_("The image is too large: at most 8000 × 8000 pixels."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
            picture = upright.convert("RGBA" if alpha and kind != "JPEG" else "RGB")
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The file is not an image that can be read (it may be cut or damaged).")) from exc
    picture.thumbnail((SHOWN_SIDE, SHOWN_SIDE))
    out = io.BytesIO()
    if kind == "JPEG":
        picture.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    elif kind == "PNG":
        picture.save(out, format="PNG", optimize=True)
    else:
        picture.save(out, format="WEBP", quality=85)
    body = out.getvalue()
    return CleanImage(
        data=body,
        content_type=FORMATS[kind][0],
        width=picture.width,
        height=picture.height,
        sha256=hashlib.sha256(body).hexdigest(),
    )
