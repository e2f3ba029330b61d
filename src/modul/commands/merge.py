"""`modul merge`: the build/ folders of a build shared among machines (`--shard I/N`),
joined into this project's build/ as if one machine had made them all.

Each part's record of written files says which files are its own; they are copied in
(atomically, piece by piece: a print file may be larger than memory) and the records are
joined, so that the result, record included, is byte for byte a one-machine build, and a
later `modul build` or `modul clean` knows every file.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from modul.engine.incremental import Manifest, well_formed
from modul.errors import ModulError, relative
from modul.folders import MANIFEST, Folders
from modul.i18n import _
from modul.output import exclusive, put_in_place, writing_beside


def merge(root: Path, parts: list[Path]) -> list[Path]:
    """Copy every file the parts' records list into build/ and join the records; return
    the files copied. Nothing is copied if a part is incomplete or two parts disagree."""
    entries = _entries(root, parts)
    build = Folders(root).build
    copied = []
    with exclusive(root):
        manifest = Manifest(root)
        for target, (part, entry) in sorted(entries.items()):
            for name in entry["files"]:
                source, file = _inside(part, name), root / name
                manifest.written(root / target, file)
                with writing_beside(file, root) as (out, tmp), source.open("rb") as data:
                    shutil.copyfileobj(data, out)
                put_in_place(tmp, file, root)
                copied.append(file)
            manifest.entries[target] = entry
        if build.is_dir() or entries:
            manifest.save()
    return copied


def _entries(root: Path, parts: list[Path]) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Every part's records by target, checked before anything is copied."""
    found: dict[str, tuple[Path, dict[str, Any]]] = {}
    for part in parts:
        record = part / MANIFEST
        try:
            entries = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = None
        if not well_formed(entries):
            raise ModulError.one(
                relative(record, root),
                message=_("not the record of a modul build (missing or damaged)"),
                hint=_("give the build/ folder of each part, after its `modul build --shard`"),
            )
        for target, entry in entries.items():
            missing = [n for n in entry["files"] if not _inside(part, n).is_file()]
            if missing or not entry["fingerprint"]:
                raise ModulError.one(
                    relative(part, root),
                    message=_("the part is incomplete: `{file}` is missing").format(
                        file=(missing or [target])[0]
                    ),
                    hint=_("build that part again, then copy its whole build/ folder"),
                )
            earlier = found.get(target)
            if earlier and earlier[1]["fingerprint"] != entry["fingerprint"]:
                raise ModulError.one(
                    relative(part, root),
                    message=_("`{target}` was made from other files than in {other}").format(
                        target=target, other=relative(earlier[0], root)
                    ),
                    hint=_("build every part from the same project and the same modul"),
                )
            found[target] = (part, entry)
    return found


def _inside(part: Path, name: str) -> Path:
    """A file a record names (`build/…`, relative to its project) in the part's copy of
    build/; a name that leads out of the part is refused."""
    inside = Path(name).parts[1:] if Path(name).parts[:1] == ("build",) else ()
    path = part.joinpath(*inside).resolve()
    if not inside or not path.is_relative_to(part.resolve()):
        raise ModulError.one(
            str(part / MANIFEST),
            message=_("`{file}` lies outside the part").format(file=name),
            hint=_("give the build/ folder of each part, as `modul build` left it"),
        )
    return path
