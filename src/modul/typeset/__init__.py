"""Stage 3, typeset: markup to pages. One function per markup element makes ReportLab
flowables (`typesetter`, `containers`, `writing`, `paragraphs`, `flowables`,
`pagination`), `pdf` lays them out with metadata and bookmarks, `furniture` draws
headers and footers, `layoutcheck` reports what looks wrong on the pages, `glyphs` and
`fonts` give every character a font that has it, and `settings` are ReportLab's for
every PDF.

Entry point: `render.render_document` and `render.lay_out`.
"""
