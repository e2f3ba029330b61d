"""Stage 3, typeset: markup to pages. One function per markup element makes ReportLab
flowables (`typesetter`, `flowables`, `pagination`), `pdf` lays them out with headers,
footers, metadata and bookmarks, `layoutcheck` reports what looks wrong on the pages,
`glyphs` and `fonts` give every character a font that has it.

Entry point: `render.render_document` and `render.lay_out`.
"""
