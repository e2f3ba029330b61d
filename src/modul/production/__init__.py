"""Stage 4, production: print files made from laid-out pages, never by laying them out
again: A5 booklets on folded sheets (`imposition`), fillable forms (`forms`), copies
personalised from a participant list (`participants` reads it, `roster` stamps it), a
role's packets (`packet` joins, `folios` numbers their pages through).

Entry points: `variants.variants` and `variants.packet`; `outputs` (the files a target
makes, and how many) without loading ReportLab.
"""
