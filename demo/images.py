"""The demo pictures as Wagtail images, and files in the media storage.

An image is found again by its title, and a file already in the media storage with the same
contents is reused instead of being written a second time.
"""

import hashlib

from django.core.files.base import ContentFile

from wagtail.images import get_image_model

from .content.scenes import PORTRAITS, SCENES
from .painting import encode_jpeg, paint_landscape, paint_portrait


def get_or_create_image(title, description, filename, paint):
    """The Wagtail image called ``title``; created from ``paint()`` if there is none.

    Returns (image, created).
    """
    Image = get_image_model()
    existing = Image.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing, False
    picture = paint()
    data = encode_jpeg(picture)
    image = Image(title=title, description=description)
    store_file(image.file, filename, data)
    # Set after storing: assigning the file resets the dimensions.
    image.width, image.height = picture.size
    image.file_size = len(data)
    image.file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's duplicate check
    image.save()
    return image, True


def store_file(file, filename, data):
    """Put ``data`` into the model's ``file`` field without saving the model.

    A file that an earlier run (or another database on this machine) stored under the same name
    with the same contents is reused instead of being written again.
    """
    path = file.field.generate_filename(file.instance, filename)
    if file.storage.exists(path):
        with file.storage.open(path, "rb") as stored:
            if stored.read() == data:
                file.name = path
                return
    file.save(filename, ContentFile(data), save=False)


def landscape_image(key):
    scene = SCENES[key]
    return get_or_create_image(
        scene.title, scene.description, f"demo-{key}.jpg", lambda: paint_landscape(scene)
    )


def portrait_image(key):
    portrait = PORTRAITS[key]
    return get_or_create_image(
        portrait.title,
        portrait.description,
        f"demo-portrait-{key}.jpg",
        lambda: paint_portrait(portrait),
    )
