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

from modul.engine.incremental import Fingerprints, file_digest
from modul.engine.manifest import Manifest, well_formed
from modul.errors import ModulError, relative
from modul.folders import MANIFEST, Folders
from modul.i18n import _
from modul.output import exclusive, may_change, put_in_place, writing_beside


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
    """Every part's records by target, checked before anything is copied: a part is
    refused whole if its record is damaged, names a file outside build/, was made from
    another project, or a file is missing, changed or not a whole PDF."""
    project = Fingerprints(root).project
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
            _check_entry(root, part, entry, project)
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


def _check_entry(root: Path, part: Path, entry: dict[str, Any], project: str) -> None:
    """One target of a part's record, and its files in the part."""
    if entry.get("project") != project or len(entry.get("hashes", [])) != len(entry["files"]):
        raise ModulError.one(
            relative(part, root),
            message=_("the part was not made from this project's content and layouts"),
            hint=_(
                "build every part from a copy of this project with the same modul "
                "(`modul build --shard I/N`), then merge again"
            ),
        )
    for name, digest in zip(entry["files"], entry["hashes"]):
        source = _inside(part, name)
        if not may_change(root / name, root):
            raise ModulError.one(
                str(part / MANIFEST),
                message=_("`{file}` lies outside build/").format(file=name),
                hint=_("give the build/ folder of each part, as `modul build` left it"),
            )
        if not source.is_file() or not entry["fingerprint"]:
            raise ModulError.one(
                relative(part, root),
                message=_("the part is incomplete: `{file}` is missing").format(file=name),
                hint=_("build that part again, then copy its whole build/ folder"),
            )
        if file_digest(source) != digest or not _whole_pdf(source):
            raise ModulError.one(
                relative(source, root),
                message=_("not the file the part's build wrote: cut short or changed"),
                hint=_("copy the part's whole build/ folder again, or build that part again"),
            )


def _whole_pdf(path: Path) -> bool:
    """A PDF from its header to its end-of-file mark (a file cut short has no end)."""
    if path.suffix != ".pdf":
        return True
    with path.open("rb") as file:
        head = file.read(5)
        file.seek(max(0, path.stat().st_size - 1024))
        return head == b"%PDF-" and b"%%EOF" in file.read()


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
