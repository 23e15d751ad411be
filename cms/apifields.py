"""What Wagtail's pages API (/api/v1/pages/) shows of a page: the ``api_fields`` of the page
types are built from these, so that every type shows its fields of action, its field of action
and its listing summary the same way. Internal fields (rules, moderation, online links for
registered people, contact addresses) are never listed."""

from wagtail.api import APIField

from rest_framework import serializers


class FieldOfActionSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


def fields_of_action():
    return APIField(
        "fields_of_action", serializer=FieldOfActionSerializer(many=True, read_only=True)
    )


def field_of_action():
    return APIField("field_of_action", serializer=FieldOfActionSerializer(read_only=True))


# Every page type: the short text shown where it is listed.
PAGE = [APIField("listing_summary"), APIField("last_published_at")]
INDEX = [*PAGE, APIField("intro")]
