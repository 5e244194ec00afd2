"""The one upload policy: a file is judged by its content, never by its name, and stored under a random name.

Documents (course certificates, scans) may be PDF, JPEG or PNG; photos JPEG or PNG. Every file field
takes its validator from here (`validate_document`, `validate_photo`) and `RandomUploadPath` as its
`upload_to`; every download goes through `attachment_response` from a view that has checked scope.
"""

import uuid
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}
NAME_EXTENSIONS = {"pdf": {"pdf"}, "jpeg": {"jpg", "jpeg"}, "png": {"png"}}
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


def detect_kind(head):
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


def _read_all(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _is_sound(kind, data):
    if kind == "pdf":
        # A real PDF ends with an end-of-file marker; HTML renamed to .pdf has neither it nor the header.
        return b"%%EOF" in data[-2048:]
    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


@deconstructible
class FileContentValidator:
    """Accepts a file whose bytes are one of `kinds` and whose size is within `max_bytes`."""

    messages = {
        "empty": _("The file is empty."),
        "too_large": _("The file is larger than %(limit)s MB."),
        "kind": _("This file is not a %(kinds)s file. Upload a real document; renaming a file does not change it."),
        "name": _("The file name must end in one of: %(extensions)s."),
    }

    def __init__(self, kinds=("pdf", "jpeg", "png"), max_bytes=MAX_DOCUMENT_BYTES):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, file):
        if getattr(file, "_committed", False):
            return  # a file stored earlier was checked when it was uploaded
        name = getattr(file, "name", "") or ""
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        allowed_extensions = set().union(*(NAME_EXTENSIONS[kind] for kind in self.kinds))
        if "\x00" in name or "/" in name or "\\" in name or extension not in allowed_extensions:
            raise ValidationError(
                self.messages["name"], code="name", params={"extensions": ", ".join(sorted(allowed_extensions))}
            )
        if file.size == 0:
            raise ValidationError(self.messages["empty"], code="empty")
        if file.size > self.max_bytes:
            raise ValidationError(
                self.messages["too_large"], code="too_large", params={"limit": self.max_bytes // (1024 * 1024)}
            )
        data = _read_all(file)
        kind = detect_kind(data[:16])
        if kind not in self.kinds or not _is_sound(kind, data):
            names = ", ".join(EXTENSIONS[k].upper() for k in self.kinds)
            raise ValidationError(self.messages["kind"], code="kind", params={"kinds": names})

    def __eq__(self, other):
        return isinstance(other, FileContentValidator) and (self.kinds, self.max_bytes) == (
            other.kinds,
            other.max_bytes,
        )


validate_document = FileContentValidator()
validate_photo = FileContentValidator(kinds=("jpeg", "png"))


@deconstructible
class RandomUploadPath:
    """Stores a file as `<folder>/<random>.<extension of its content>`: the uploader's file name is not kept."""

    def __init__(self, folder, field):
        self.folder = folder
        self.field = field

    def __call__(self, instance, filename):
        upload = getattr(instance, self.field).file
        upload.seek(0)
        kind = detect_kind(upload.read(16))
        upload.seek(0)
        return f"{self.folder}/{uuid.uuid4().hex}.{EXTENSIONS.get(kind, 'bin')}"

    def __eq__(self, other):
        return isinstance(other, RandomUploadPath) and (self.folder, self.field) == (other.folder, other.field)


def attachment_response(field_file, download_name):
    """Streams a stored file as a download; the browser never renders it inline."""
    kind = detect_kind(field_file.open("rb").read(16))
    field_file.seek(0)
    extension = EXTENSIONS.get(kind, "bin")
    return FileResponse(
        field_file,
        as_attachment=True,
        filename=f"{download_name}.{extension}",
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )


def reencoded_photo(upload, max_pixels=800, quality=85):
    """A photo stored as a fresh JPEG of at most `max_pixels` a side: no camera metadata, no payloads.

    Raises ValueError when the bytes cannot be read as an image.
    """
    try:
        upload.seek(0)
        with Image.open(upload) as original:
            image = ImageOps.exif_transpose(original)
            if image.mode in ("RGBA", "LA", "P"):
                rgba = image.convert("RGBA")
                image = Image.new("RGB", rgba.size, "white")
                image.paste(rgba, mask=rgba.getchannel("A"))
            else:
                image = image.convert("RGB")
            image.thumbnail((max_pixels, max_pixels))
            output = BytesIO()
            image.save(output, "JPEG", quality=quality, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValueError("not an image") from error
    return ContentFile(output.getvalue(), name="photo.jpg")


def delete_file_after_commit(storage, name):
    """Removes a stored file once the transaction that dropped its record has committed, never before."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))
