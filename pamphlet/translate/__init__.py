"""translate: the translator's workflow around the content files.

Which blocks of a translation are missing, draft, reviewed or stale
(``status``); recording what English a translation was made from (``mark``,
``import``); exchange with CAT tools (PO, XLIFF); proofs beside the source.
"""
