"""pamphlet: print-ready multilingual pamphlets from YAML.

The pipeline reads from the folder names::

    content  YAML -> Document (validated, with file:line errors)
    text     script runs -> fonts -> break opportunities -> shaped glyphs
    layout   blocks flowed into the frames a layout defines; fit search
    render   placed pages drawn into a reader-order PDF
    impose   reader pages placed on printer sheets
    check    preflight of the written PDF

``pamphlet.pipeline.build`` chains them.
"""

__version__ = "0.1.0"
