"""The read API, version 1: /api/v1/…"""

from django.urls import path, register_converter

from opendata import downloads


class FormatConverter:
    regex = "csv|json|geojson"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "open_data_format")

app_name = "api"

urlpatterns = [
    path(
        "open-data/<slug:dataset>.<open_data_format:fmt>",
        downloads.download,
        name="open_data_file",
    ),
    path(
        "open-data/processes/<int:process_id>/<slug:dataset>.<open_data_format:fmt>",
        downloads.download,
        name="open_data_process_file",
    ),
]
