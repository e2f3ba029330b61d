"""The form map's dataclasses the synthetic pages of the reader's tests are drawn from:
the print side's own (`modul.typeset.formmap`, returned by `modul.engine.forms`)."""

from __future__ import annotations

from modul.typeset.formmap import Box, FormMap, PageMap

__all__ = ["Box", "FormMap", "PageMap"]
