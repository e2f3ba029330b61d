"""Stage 1, content: read the YAML files (`source`), validate them into the immutable
model (`validate`, `types`, `model`, `plans`), merge each region's overlays onto the
national content (`merge`, `regions`), check what spans files (`checks`) and the
pictures content names (`images`), and keep where every value came from
(`provenance`).

Entry point: `loading.load_project(root)` → `Project`. Nothing here knows about
templates, pages or PDFs.
"""
