"""JSON Schemas of the content files, so that an editor (VS Code with the YAML extension)
completes keys and flags mistakes while a trainer types.

Each content file names its schema in its first line, a `yaml-language-server` comment
with a path relative to the file. Region overlays have no schema: they hold only the keys
they change, so every key is optional and typos are caught by `modul check`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from modul.output import write_atomic

FOLDER = "schema"
DESCRIPTIONS = {
    "role": "Satu peran (content/roles/<nama-peran>.yaml): kalimat naskah sumber dan latihan.",
    "workshop": "Rencana pelatihan (content/workshop.yaml): sesi, menit, langkah, jadwal.",
    "worksheet": "Rencana Lembar Kerja (content/worksheet.yaml): bagian, skala, pedoman skor.",
    "region": "Pengaturan wilayah (content/regions/<wilayah>/region.yaml).",
    "glossary": "Daftar istilah (content/istilah.yaml), dicetak di akhir Bahan Bacaan.",
}


def schemas() -> dict[str, dict[str, Any]]:
    """Kind of content file → its JSON Schema."""
    from pydantic import BaseModel

    from modul.content.model import Glossary, Region, Role
    from modul.content.plans import WorksheetPlan, Workshop

    models: dict[str, type[BaseModel]] = {
        "role": Role,
        "workshop": Workshop,
        "worksheet": WorksheetPlan,
        "region": Region,
        "glossary": Glossary,
    }
    return {
        kind: {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **model.model_json_schema(),
            "description": DESCRIPTIONS[kind],
        }
        for kind, model in models.items()
    }


def write_schemas(root: Path) -> list[Path]:
    """Write `schema/<kind>.schema.json` into the project; return the paths."""
    written = []
    for kind, schema in schemas().items():
        path = root / FOLDER / f"{kind}.schema.json"
        text = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        write_atomic(path, text.encode("utf-8"), root, FOLDER)
        written.append(path)
    return written


def modeline(kind: str, file: Path, root: Path) -> str:
    """The first line of a content file of this kind at `file`: where its schema is."""
    target = os.path.relpath(root / FOLDER / f"{kind}.schema.json", file.parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"
