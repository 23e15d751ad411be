"""Checking and re-encoding images that residents upload with their proposals.

The format is read from the file's content, not its name. The pixel count is checked from the
header before anything is decoded, so that a small file that unpacks to gigapixels (a
"decompression bomb") is refused cheaply. The re-encoded copy carries no metadata: camera data
and GPS positions in EXIF, XMP or comments are gone.
"""

import io
import math
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 20_000_000
# MPO is the JPEG variant many phone cameras write (several pictures in one file); its first
# picture is kept, as a JPEG.
FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp"}
ACCEPT = "image/jpeg,image/png,image/webp"

NOT_AN_IMAGE = _("This file is not an image we can read. Please upload a JPEG, PNG or WebP image.")
WRONG_FORMAT = _(
    "Images must be JPEG, PNG or WebP files; this file is a %(format)s image. "
    "Please save it in one of these formats."
)
TOO_LARGE = _("The image file is larger than %(max)s. Please upload a smaller file.")
TOO_MANY_PIXELS = _(
    "The image has %(megapixels)s megapixels; it may have at most %(max)s megapixels. "
    "Please reduce its width and height."
)

TOO_MANY_PIXELS_UNKNOWN = _(
    "The image has too many pixels; it may have at most %(max)s megapixels. "
    "Please reduce its width and height."
)


def _too_many_pixels(width, height):
    # Rounded up, so that an image just over the limit never reads as "20 of at most 20".
    tenths = math.ceil(width * height / 100_000)
    return ValidationError(
        TOO_MANY_PIXELS,
        code="too_many_pixels",
        params={
            "megapixels": number_format(tenths / 10, decimal_pos=1),
            "max": MAX_PIXELS // 1_000_000,
        },
    )


def clean_image(upload):
    """Validate ``upload`` (an uploaded file) and return a re-encoded, metadata-free copy.

    Raises :class:`ValidationError` with a message for the person; never anything else.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"max": filesizeformat(MAX_BYTES)},
        )
    upload.seek(0)
    data = upload.read()
    width = height = None
    try:
        with warnings.catch_warnings():
            # Pillow warns before its own bomb limit; our own, lower limit applies below.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            # Only the header is read so far.
            if image.format not in FORMATS:
                raise ValidationError(
                    WRONG_FORMAT, code="wrong_format", params={"format": image.format}
                )
            extension = FORMATS[image.format]
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_many_pixels(width, height)
            image.load()
            image = ImageOps.exif_transpose(image)
            return _reencode(image, extension)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        if width is None:
            raise ValidationError(
                TOO_MANY_PIXELS_UNKNOWN,
                code="too_many_pixels",
                params={"max": MAX_PIXELS // 1_000_000},
            ) from None
        raise _too_many_pixels(width, height) from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None


def _reencode(image, extension):
    """A fresh image with the pixels only: no EXIF, XMP, ICC comments or text chunks."""
    if extension == "jpg":
        mode = "RGB"
    elif image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        mode = "RGBA"
    else:
        mode = "RGB"
    clean = Image.new(mode, image.size)
    clean.paste(image.convert(mode))
    output = io.BytesIO()
    if extension == "jpg":
        clean.save(output, format="JPEG", quality=85, optimize=True)
    elif extension == "png":
        clean.save(output, format="PNG", optimize=True)
    else:
        clean.save(output, format="WEBP", quality=85)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
