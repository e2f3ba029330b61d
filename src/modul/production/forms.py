"""Finishing touches for fillable worksheets, after ReportLab has drawn the fields.

ReportLab gives every empty text field an appearance that names a standard font (not
embedded). An empty field shows nothing, so those appearances are dropped and viewers
are asked to draw the typed text themselves (NeedAppearances): the blank form then
embeds exactly the fonts of the plain worksheet, and prints the same.
"""

from __future__ import annotations

import io

import pikepdf


def finish_form(pdf: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as form:
        for page in form.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/FT") == "/Tx" and "/AP" in annotation:
                    del annotation["/AP"]
        form.Root.AcroForm.NeedAppearances = True
        output = io.BytesIO()
        form.save(output, deterministic_id=True)
    return output.getvalue()
