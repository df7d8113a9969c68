"""JSON Schema of the records, generated from the dataclasses so it cannot drift from them."""

from __future__ import annotations

from dataclasses import fields

from . import __version__
from .models import RECORD_TYPES

_TYPES = {"int": "integer", "str": "string", "bool": "boolean", "float": "number", "None": "null"}
DESCRIPTIONS = {
    "doc": "the input: path as given, '-' for stdin, or the JSON-lines id (else path:line)",
    "type": "record type",
    "sentence": "index of the evidence sentence in the document",
    "start": "offset of the evidence in the decoded input text",
    "end": "end offset of the evidence: text[start:end] == evidence",
    "evidence": "the sentence that states the fact, exactly as in the input",
}


def _json_type(annotation: str) -> dict:
    parts = [p.strip() for p in str(annotation).split("|")]
    types: list = []
    schema: dict = {}
    for p in parts:
        if p.startswith("list["):
            types.append("array")
            schema["items"] = {"type": _TYPES.get(p[5:-1], "string")}
        elif p.startswith("ClassVar"):
            continue
        else:
            types.append(_TYPES.get(p, "string"))
    schema["type"] = types[0] if len(types) == 1 else types
    return schema


def record_schema(kind: str) -> dict:
    cls = RECORD_TYPES[kind]
    props: dict = {}
    annotations = {f.name: f.type for f in fields(cls)}
    for name in cls.field_names():
        if name == "type":
            props[name] = {"const": kind}
        else:
            props[name] = _json_type(annotations[name])
        if name in DESCRIPTIONS:
            props[name]["description"] = DESCRIPTIONS[name]
    return {
        "title": f"conflict-cli {kind} record",
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def schema(types: tuple[str, ...]) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"conflict-cli/{__version__}/record.schema.json",
        "title": "conflict-cli record",
        "oneOf": [record_schema(t) for t in types],
    }
