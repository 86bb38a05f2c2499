"""An activity's picture: checked to be the image its name says, re-encoded without its metadata, given with what it
shows in Finnish and Swedish, shown on the public activity page, and removable (issue 16)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from PIL import ExifTags, Image

from hyte.actors import services
from hyte.actors.details import ActivityDetails, ImageUpload
from hyte.actors.models import Activity, ActivityImage
from hyte.audit.models import AuditEntry
from tests.actors_world import build_register


@pytest.fixture(autouse=True)
def english():
    """The services' messages in English, as the assertions are written."""
    with translation.override("en"):
        yield


ALT = {"alt_text": "Ryhmä kävelee rantapolulla", "alt_text_sv": "Gruppen promenerar på strandstigen"}


def picture(kind: str = "JPEG", size: tuple[int, int] = (40, 30), *, gps: bool = False, orientation: int = 0) -> bytes:
    image = Image.new("RGBA" if kind == "PNG" else "RGB", size, (0, 80, 138))
    exif = Image.Exif()
    if gps or orientation:
        exif[ExifTags.Base.Make] = "Puhelin"
        exif[ExifTags.Base.ImageDescription] = "Kotipiha"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        position = exif.get_ifd(ExifTags.IFD.GPSInfo)
        position[ExifTags.GPS.GPSLatitudeRef] = "N"
        position[ExifTags.GPS.GPSLatitude] = (65.0, 44.0, 9.6)
        position[ExifTags.GPS.GPSLongitudeRef] = "E"
        position[ExifTags.GPS.GPSLongitude] = (24.0, 33.0, 50.4)
    out = io.BytesIO()
    image.save(out, format=kind, exif=exif.tobytes()) if len(exif) else image.save(out, format=kind)
    return out.getvalue()


def upload(data: bytes, filename: str = "kuva.jpg", **alt: str) -> ImageUpload:
    return ImageUpload(data=data, filename=filename, **{**ALT, **alt})


def stored(activity: Activity) -> Image.Image:
    return Image.open(io.BytesIO(bytes(ActivityImage.objects.get(activity=activity).data)))


def test_a_photo_loses_its_position_and_other_metadata_and_is_turned_upright(world):
    register = build_register(world)
    walking, coordinator = register["walking"], world.users["coordinator"]
    original = picture(gps=True, orientation=6) + b"<script>alert(1)</script>"
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    image = services.set_activity_image(actor=coordinator, activity=walking, image=upload(original))
    assert (image.content_type, image.width, image.height) == ("image/jpeg", 30, 40)  # rotated as EXIF said
    kept = stored(walking)
    assert kept.format == "JPEG"
    assert dict(kept.getexif()) == {}
    assert b"<script>" not in bytes(ActivityImage.objects.get(activity=walking).data)
    entry = AuditEntry.objects.filter(action="activity.image_set", object_id=str(walking.pk)).get()
    assert entry.changes["alt_text"] == [None, ALT["alt_text"]]
    assert "data" not in entry.changes


def test_a_large_picture_is_scaled_and_png_and_webp_keep_their_format(world):
    register = build_register(world)
    walking, coordinator = register["walking"], world.users["coordinator"]
    services.set_activity_image(actor=coordinator, activity=walking, image=upload(picture(size=(3200, 1000))))
    assert stored(walking).size == (1600, 500)
    png = services.set_activity_image(actor=coordinator, activity=walking, image=upload(picture("PNG"), "a.PNG"))
    assert (png.content_type, stored(walking).format, stored(walking).mode) == ("image/png", "PNG", "RGBA")
    webp = services.set_activity_image(actor=coordinator, activity=walking, image=upload(picture("WEBP"), "a.webp"))
    assert (webp.content_type, stored(walking).format) == ("image/webp", "WEBP")
    assert ActivityImage.objects.filter(activity=walking).count() == 1, "a new picture replaces the old one"


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (picture("PNG"), "kuva.jpg", "not what its name says"),
        (picture("JPEG"), "kuva.png", "not what its name says"),
        (b"#!/bin/sh\necho hello\n", "kuva.png", "not an image that can be read"),
        (picture("JPEG")[:200], "kuva.jpg", "not an image that can be read"),
        (picture("GIF"), "kuva.gif", "JPEG, PNG or WebP"),
        (picture("JPEG"), "kuva.exe", "JPEG, PNG or WebP"),
        (picture("PNG", (9000, 4)), "kuva.png", "too large"),
        (b"\0" * (5 * 1024 * 1024 + 1), "kuva.png", "larger than 5 MB"),
        (b"", "kuva.png", "Choose an image file"),
    ],
    ids=["png-as-jpg", "jpg-as-png", "script", "cut", "gif", "exe", "too-wide", "too-big", "empty"],
)
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_written(world, data, filename, problem):
    register = build_register(world)
    with pytest.raises(ValidationError, match=problem):
        services.set_activity_image(
            actor=world.users["coordinator"], activity=register["walking"], image=upload(data, filename)
        )
    assert not ActivityImage.objects.exists()
    assert not AuditEntry.objects.filter(action="activity.image_set").exists()


def test_a_picture_needs_what_it_shows_in_finnish_and_swedish(world):
    register = build_register(world)
    coordinator, walking = world.users["coordinator"], register["walking"]
    for missing in ({"alt_text": "  "}, {"alt_text_sv": ""}):
        with pytest.raises(ValidationError, match="in Finnish and in Swedish"):
            services.set_activity_image(actor=coordinator, activity=walking, image=upload(picture(), **missing))
    details = ActivityDetails(title="Uusi kerho", area=walking.area)
    with pytest.raises(ValidationError, match="in Finnish and in Swedish"):
        services.create_activity(
            actor=coordinator,
            details=details,
            providers=[register["library"]],
            image=upload(picture(), alt_text=""),
        )
    assert not Activity.objects.filter(title="Uusi kerho").exists(), "the activity is not added without it"


def test_only_those_who_may_edit_the_activity_set_its_picture(world):
    register = build_register(world)
    with pytest.raises(PermissionDenied):
        services.set_activity_image(actor=world.users["ngo"], activity=register["reading"], image=upload(picture()))
    services.set_activity_image(actor=world.users["ngo"], activity=register["walking"], image=upload(picture()))
    with pytest.raises(PermissionDenied):
        services.remove_activity_image(actor=world.users["reader"], activity=register["walking"])
    assert ActivityImage.objects.filter(activity=register["walking"]).exists()


def _form(activity: Activity, **extra: object) -> dict[str, object]:
    data = {
        "title": activity.title,
        "providers": [p.pk for p in activity.providers.all()],
        "area": activity.area_id,
        "recurring": "on" if activity.recurring else "",
        "schedule": activity.schedule,
        "is_free": "on",
        "is_published": "on",
    }
    return {key: value for key, value in {**data, **extra}.items() if value != ""}


def test_the_form_uploads_replaces_and_removes_the_picture(world):
    register = build_register(world)
    walking = register["walking"]
    client = world.client_for("coordinator")
    address = f"/o/kemi/register/activities/{walking.pk}/"
    photo = SimpleUploadedFile("ranta.jpg", picture(gps=True), content_type="image/jpeg")
    form = _form(walking, image=photo, image_alt_text=ALT["alt_text"], image_alt_text_sv=ALT["alt_text_sv"])
    assert client.post(address, form).status_code == 302
    image = ActivityImage.objects.get(activity=walking)
    assert image.alt_text_sv == ALT["alt_text_sv"]
    page = client.get(address).content.decode()
    assert f'src="/o/kemi/register/activities/{walking.pk}/image/?v=' in page
    assert 'enctype="multipart/form-data"' in page
    served = client.get(f"/o/kemi/register/activities/{walking.pk}/image/")
    assert served["Content-Type"] == "image/jpeg"
    assert dict(Image.open(io.BytesIO(served.content)).getexif()) == {}
    # Only the text alternative changes: the picture stays.
    changed = _form(walking, image_alt_text="Kävelijät rannalla", image_alt_text_sv=ALT["alt_text_sv"])
    assert client.post(address, changed).status_code == 302
    image.refresh_from_db()
    assert image.alt_text == "Kävelijät rannalla"
    # Cleared, it is refused at its field, and nothing changes.
    response = client.post(address, _form(walking, image_alt_text="", image_alt_text_sv=ALT["alt_text_sv"]))
    assert response.status_code == 200
    assert 'id="id_image_alt_text_error"' in response.content.decode()
    image.refresh_from_db()
    assert image.alt_text == "Kävelijät rannalla"
    assert client.post(address, _form(walking, remove_image="on")).status_code == 302
    assert not ActivityImage.objects.filter(activity=walking).exists()
    assert AuditEntry.objects.filter(action="activity.image_remove", object_id=str(walking.pk)).exists()
    assert client.get(f"/o/kemi/register/activities/{walking.pk}/image/").status_code == 404


def test_the_form_refuses_an_image_without_alt_text_or_a_false_one_and_adds_nothing(world):
    register = build_register(world)
    client = world.client_for("coordinator")
    before = Activity.objects.count()
    new = {
        "title": "Runopiiri",
        "providers": [register["library"].pk],
        "area": register["library"].area_id,
        "is_free": "on",
    }
    photo = SimpleUploadedFile("kuva.jpg", picture(), content_type="image/jpeg")
    response = client.post("/o/kemi/register/activities/new/", {**new, "image": photo})
    assert response.status_code == 200
    assert 'id="id_image_alt_text_error"' in response.content.decode()
    fake = SimpleUploadedFile("kuva.png", b"GIF89a not really", content_type="image/png")
    response = client.post("/o/kemi/register/activities/new/", {**new, "image": fake, "image_alt_text": "x"})
    assert 'id="id_image_error"' in response.content.decode()
    assert Activity.objects.count() == before
    assert not ActivityImage.objects.exists()


def test_the_public_page_shows_the_picture_with_its_text_alternative(world):
    register = build_register(world)
    walking = register["walking"]
    image = services.set_activity_image(
        actor=world.users["coordinator"], activity=walking, image=upload(picture(size=(800, 600)))
    )
    finnish = Client().get(f"/public/fi/activities/{walking.pk}/").content.decode()
    address = f"/public/activity-images/{walking.pk}/{image.file_name}"
    assert f'<img src="{address}" alt="{ALT["alt_text"]}" width="800" height="600">' in finnish
    swedish = Client().get(f"/public/sv/activities/{walking.pk}/").content.decode()
    assert f'alt="{ALT["alt_text_sv"]}"' in swedish
    english = Client().get(f"/public/en/activities/{walking.pk}/").content.decode()
    assert f'alt="{ALT["alt_text"]}" lang="fi"' in english, "the Finnish text, marked as Finnish"
    served = Client().get(address)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert "immutable" in served["Cache-Control"]
    assert Client().get(f"/public/activity-images/{walking.pk}/0000000000000000.jpg").status_code == 404
    services.hide_activity(actor=world.users["coordinator"], activity=walking, reason="Tarkistetaan")
    assert Client().get(address).status_code == 404, "not while the activity is hidden"
    draft = register["draft"]
    drafted = services.set_activity_image(actor=world.users["ngo"], activity=draft, image=upload(picture()))
    assert Client().get(f"/public/activity-images/{draft.pk}/{drafted.file_name}").status_code == 404


def test_the_picture_fits_a_phone_and_an_activity_without_one_shows_none(world):
    register = build_register(world)
    page = Client().get(f"/public/fi/activities/{register['reading'].pk}/").content.decode()
    assert "activity-image" not in page
    css = (Path(__file__).parent.parent / "src/hyte/static/hyte/hyte.css").read_text(encoding="utf-8")
    assert ".activity-image img { display: block; max-width: 100%; height: auto; }" in css


def test_updating_with_a_new_picture_and_removing_it_in_one_service_call(world):
    register = build_register(world)
    walking, coordinator = register["walking"], world.users["coordinator"]
    details = replace(ActivityDetails.of(walking), title="Rantakävely")
    services.update_activity(actor=coordinator, activity=walking, details=details, image=upload(picture()))
    assert ActivityImage.objects.filter(activity=walking).exists()
    services.update_activity(actor=coordinator, activity=walking, details=details, remove_image=True)
    assert not ActivityImage.objects.filter(activity=walking).exists()
    with pytest.raises(ValidationError, match="has no image"):
        services.remove_activity_image(actor=coordinator, activity=walking)
