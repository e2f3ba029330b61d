"""Stage 2, layout: the content put through the layout's Jinja2 templates (`templates`,
`documents`) into checked document markup (`markup`), with the look (`theme`), the
document kinds (`catalog`) and the fixed texts (`labels`) of `layouts/`.

Entry point: `documents.document_markup` → markup for `typeset`.
"""
