"""Stage 4, production: print files made from laid-out pages, never by laying them out
again: A5 booklets on folded sheets (`imposition`), fillable forms (`forms`), copies
personalised from a participant list (`roster`), a role's packet (`packet`).

Entry point: `variants.variants`, `variants.count` and `variants.packet`.
"""
