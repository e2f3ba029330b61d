"""The manifest of what modul wrote (`build/.modul-manifest.json`): per target, its
fingerprint, its files with their hashes, and its warnings. `modul clean` deletes exactly
those files; a name it holds that leads out of build/ is forgotten, and every file is
deleted by `output.remove` (the rule of `output.may_change`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from modul import i18n
from modul.errors import Problem, relative, warning
from modul.folders import Folders
from modul.i18n import _
from modul.output import (
    append_line,
    exclusive,
    remove,
    remove_leftovers,
    write_atomic,
)

JOURNAL = ".modul-journal.txt"  # files written since the manifest was last saved


def well_formed(entries: object) -> bool:
    """The shape `record` writes: target → fingerprint, files and warnings."""
    fields = {"file": str, "line": int, "column": int, "message": str, "hint": str, "severity": str}
    return isinstance(entries, dict) and all(
        isinstance(entry, dict)
        and isinstance(entry.get("fingerprint"), str)
        and isinstance(entry.get("files"), list)
        and all(isinstance(name, str) for name in entry["files"])
        and isinstance(entry.get("warnings", []), list)
        and all(
            isinstance(w, dict)
            and all(key in fields and isinstance(value, fields[key]) for key, value in w.items())
            for w in entry.get("warnings", [])
        )
        for entry in entries.values()
    )


class Manifest:
    """The files modul wrote, by target, with the fingerprint they were made from."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = Folders(root).manifest
        self.journal = self.path.with_name(JOURNAL)
        self.problems: list[Problem] = []  # a damaged manifest, set aside
        self.entries: dict[str, dict[str, Any]] = {}
        self._folders: dict[Path, bool] = {}  # each folder of the record: inside build/?
        self._read_manifest()
        self._read_journal()

    def _read_manifest(self) -> None:
        if not self.path.is_file():  # a first build (or build/ is not a folder: said later)
            return
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # cut off, not JSON, not UTF-8
            entries = None
        if well_formed(entries):
            self.entries = entries
            self._own_files_only()
        else:
            self._set_aside()

    def _own_files_only(self) -> None:
        """Forget the files the record names outside build/ (`../x`, through a link): a
        record can be edited or come from someone else, and modul deletes what it lists."""
        foreign = {
            name
            for entry in self.entries.values()
            for name in entry["files"]
            if self._outside(name)
        }
        for entry in self.entries.values():
            entry["files"] = [name for name in entry["files"] if name not in foreign]
        if foreign:
            self.problems.append(
                warning(
                    relative(self.path, self.root),
                    message=_(
                        "the list of files modul wrote names {file}, outside build/: "
                        "it is left alone"
                    ).format(file=min(foreign)),
                    hint=_("nothing to do: modul only ever deletes its own files in build/"),
                )
            )

    def _outside(self, name: str) -> bool:
        """A name that leads out of build/: by `..`, or by a link among its folders. Each
        folder is resolved once (a national record names 15,000 files in 1,500 folders;
        resolving each file cost 0.7 s a build); a file that is itself a link is caught
        where it would be written or deleted (`output.may_change`)."""
        path = self.root / name
        if ".." in path.parts:
            return True
        if (inside := self._folders.get(path.parent)) is None:
            inside = self._folders[path.parent] = path.parent.resolve().is_relative_to(
                Folders(self.root).build.resolve()
            )
        return not inside

    def _read_journal(self) -> None:
        """Files a killed build wrote after the manifest was last saved: known, so that
        `clean` removes them, and stale, so that the next build makes them again."""
        try:
            lines = self.journal.read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError):
            return
        for line in lines:
            target, _, name = line.partition("\t")
            if name and self._outside(name):
                continue  # not a file modul writes: the journal was edited
            entry = self.entries.setdefault(target, {"fingerprint": "", "files": []})
            entry["fingerprint"] = ""  # its other files may be the old ones
            if name and name not in entry["files"]:
                entry["files"].append(name)

    def written(self, target: Path, file: Path) -> None:
        """Note a file about to be written for `target`, before it is in place."""
        line = f"{relative(target, self.root)}\t{relative(file, self.root)}"
        append_line(self.journal, line, self.root)

    def _set_aside(self) -> None:
        """Keep a damaged manifest for inspection and start a new one: every document is
        then made again, and recorded anew."""
        kept = self.path.with_name(f"{self.path.name}.damaged")
        os.replace(self.path, kept)
        self.problems.append(
            warning(
                relative(self.path, self.root),
                message=_(
                    "the list of files modul wrote was damaged; it is kept as {file} and made anew"
                ).format(file=kept.name),
                hint=_(
                    "nothing to do: every document is made again. Files of earlier builds "
                    "that no document makes now stay in build/: delete them by hand if needed"
                ),
            )
        )

    def current(self, target: Path, fingerprint: str) -> bool:
        """True when the target was built from these inputs and all its files are there,
        and its warnings, repeated when it is skipped, are in the language spoken now (a
        target with warnings in another language is made again, to say them anew)."""
        entry = self.entries.get(relative(target, self.root))
        return (
            entry is not None
            and entry["fingerprint"] == fingerprint
            and all((self.root / name).is_file() for name in entry["files"])
            and (not entry.get("warnings") or entry.get("language") == i18n.language())
        )

    def record(
        self,
        target: Path,
        fingerprint: str,
        files: list[Path],
        warnings: Iterable[Problem] = (),
        *,
        hashes: list[str] | None = None,
        project: str = "",
        named: bool = False,
    ) -> list[Path]:
        """Remember the files a target now has (and its layout warnings, to repeat them
        when it is skipped; the hash of each file and the project's fingerprint, for
        `modul merge` to check; whether it was made with a participant list); return
        those it had before and not now (a booklet or personalised copies no longer
        asked for)."""
        key, names = relative(target, self.root), [relative(f, self.root) for f in files]
        before = self.entries.get(key, {}).get("files", [])
        self.entries[key] = {
            "fingerprint": fingerprint,
            "files": names,
            "warnings": [asdict(w) for w in warnings],
            "language": i18n.language(),
            **({"hashes": hashes, "project": project} if hashes is not None else {}),
            **({"named": True} if named else {}),
        }
        kept = set(names)
        return [self.root / name for name in before if name not in kept]

    def named(self, target: Path) -> bool:
        """Whether the target's files were made with a participant list (`--roster`)."""
        return bool(self.entries.get(relative(target, self.root), {}).get("named"))

    def warnings(self, target: Path) -> list[Problem]:
        entry = self.entries.get(relative(target, self.root), {})
        return [Problem(**w) for w in entry.get("warnings", [])]

    def targets(self) -> list[Path]:
        return [self.root / name for name in sorted(self.entries)]

    def forget(self, target: Path) -> list[Path]:
        """Drop a target; return the files it had, for the caller to delete."""
        entry = self.entries.pop(relative(target, self.root), {"files": []})
        return [self.root / name for name in entry["files"]]

    def files(self) -> list[Path]:
        return sorted(
            {self.root / name for entry in self.entries.values() for name in entry["files"]}
        )

    def save(self) -> None:
        text = json.dumps(self.entries, indent=1, sort_keys=True, ensure_ascii=False)
        write_atomic(self.path, text.encode("utf-8"), self.root)
        self.journal.unlink(missing_ok=True)  # all it held is in the manifest now


def clean(
    root: Path, waiting: Callable[[], None] | None = None
) -> tuple[list[Path], list[Problem]]:
    """Delete exactly the files the manifest lists and the temporary files of a build
    that was killed, then folders left empty by that. Returns the files deleted, and a
    warning if the manifest was damaged (its files are then not known)."""
    build = Folders(root).build
    if not build.is_dir():
        return [], []
    with exclusive(root, waiting):
        manifest = Manifest(root)
        removed = remove_leftovers(build)
        removed += [
            path
            for path in [*manifest.files(), manifest.path, manifest.journal]
            if remove(path, root)
        ]
        for folder in sorted({p.parent for p in removed}, key=lambda p: -len(p.parts)):
            while folder != build and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    return removed, manifest.problems
