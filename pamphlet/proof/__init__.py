"""proof: a translator's proof of one language (``<doc>-<lang>-proof.pdf``).

In:  a document folder, a language, the brand (for colours and fonts).
Out: a PDF: a summary of what to check, then every block in reading order
     as a row (id, status, the English, the translation, both set with the
     pamphlet's own fonts and styles; a stale block with the English as it
     was and as it is now), then a fit report per layout (``fit``).
"""
