"""The read API's documentation page, written from the same OpenAPI description that
/api/v1/schema/ serves: each endpoint with its parameters, its response fields and its errors."""

from django.conf import settings
from django.utils.translation import get_language

from opendata.api.schema import schema_for


def _resolve(schema, components):
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(
            {**schema["allOf"][0], **{k: v for k, v in schema.items() if k != "allOf"}}, components
        )
    return schema


def _type(schema):
    kind = schema.get("type", "object")
    if kind == "array":
        kind = f"array of {_type(schema.get('items', {}))}"
    formats = [schema["format"]] if schema.get("format") else []
    formats += [option["format"] for option in schema.get("anyOf", []) if "format" in option]
    if formats:
        kind = f"{kind} ({' | '.join(formats)})"
    if schema.get("nullable"):
        kind = f"{kind} | null"
    return kind


def _fields(schema, components, prefix="", depth=0):
    """The fields of an object schema as rows ``{name, type, description}``, nested ones with
    dotted names (``phases[].title``)."""
    schema = _resolve(schema, components)
    rows = []
    for name, field in schema.get("properties", {}).items():
        field = _resolve(field, components)
        full = f"{prefix}{name}"
        rows.append(
            {
                "name": full,
                "type": _type(field),
                "description": field.get("description", ""),
                "enum": field.get("enum") or [],
            }
        )
        if depth < 3:
            if field.get("type") == "array":
                rows += _fields(field.get("items", {}), components, f"{full}[].", depth + 1)
            elif field.get("properties"):
                rows += _fields(field, components, f"{full}.", depth + 1)
    return rows


def endpoints(language=None):
    schema = schema_for(language or get_language())
    components = schema.get("components", {}).get("schemas", {})
    result = []
    for path, operations in schema.get("paths", {}).items():
        operation = operations.get("get")
        if operation is None:
            continue
        parameters = [
            {
                "name": parameter["name"],
                "location": parameter["in"],
                "type": _type(parameter.get("schema", {})),
                "required": parameter.get("required", False),
                "description": parameter.get("description", "").split("\n\n*")[0],
                "enum": parameter.get("schema", {}).get("enum") or [],
            }
            for parameter in operation.get("parameters", [])
        ]
        ok = operation.get("responses", {}).get("200", {})
        body = ok.get("content", {}).get("application/json", {}).get("schema", {})
        errors = [
            {"status": status, "description": response.get("description", "")}
            for status, response in operation.get("responses", {}).items()
            if status != "200"
        ]
        result.append(
            {
                "id": operation.get("operationId", path).replace("_", "-"),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": parameters,
                "fields": _fields(body, components),
                "errors": errors,
            }
        )
    return result


def rate_limit():
    return settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get("address", "")
