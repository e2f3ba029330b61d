"""Constants every stage shares: the version, the national edition, the build folder.

Plain values with no heavy imports, so the command line and a build where nothing
changed start quickly. The document kinds are data: `layouts/<theme>/catalog.yaml`.
"""

from __future__ import annotations

import re

VERSION = "0.1.0"
NATIONAL = "nasional"  # the edition without a region overlay
BUILD = "build"  # the project's folder of what modul makes: all it ever writes or deletes
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # names of roles and regions
# Documents renamed, old file name → new: the old name is still understood, with a warning
# (`--doc`, `bagikan:`). "Kartu nama" is a business card; a name tag is a tanda pengenal.
RENAMED_DOCUMENTS = {"kartu-nama": "tanda-pengenal"}


def current_document_name(name: str) -> str:
    """`name` as a trainer types it, with a document's old name replaced by its new one."""
    return RENAMED_DOCUMENTS.get(name.strip().lower(), name)


def names_document(name: str, ident: str, file: str) -> bool:
    """Whether `name`, as a trainer types it, means the document with this catalog id and
    file name: the id (`worksheet`) or the file name with or without .pdf
    (`lembar-kerja`), in any case."""
    name = current_document_name(name)
    return name.strip().lower() in (ident, file, file.removesuffix(".pdf"))
