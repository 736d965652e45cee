"""The limits on what pamphlet reads, in one place (docs/reliability.md).

Each is far above what a real pamphlet needs and low enough that a broken
or hostile file is refused in well under a second, with the limit named.
"""

MAX_YAML_BYTES = 5_000_000  # one content, brand, layout or profile file
MAX_YAML_DEPTH = 32  # mappings and lists inside each other
MAX_IMPOSE_PAGES = 500  # pages of a PDF given to impose (a saddle-stitched booklet of 125 sheets)
MAX_IMAGE_PIXELS = 40_000_000  # one image (a Letter page at 600 ppi is 34 megapixels)
MAX_BLOCKS = 500  # blocks in one content file (the flagship has 63)
MAX_BLOCK_CHARS = 10_000  # characters in one block, all its texts together (the flagship's longest: 760)
MAX_DOCUMENT_CHARS = 200_000  # characters in one language's file (the flagship's longest: 16,500)
MAX_BOOKLET_PAGES = 64  # a layout's max_pages: thicker than this, saddle stitching fails
MAX_PREVIEW_PIXELS = 150_000_000  # one page rendered by preview (A4 at 1200 dpi, the most --dpi allows, is 140)
