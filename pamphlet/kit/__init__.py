"""The print kit: the whole matrix built into one folder with ``index.html``,
a static page (no server, no script, nothing fetched from elsewhere) that
outreach staff open from a folder or a website: per language a cover
thumbnail, the home and print-shop PDFs, how to print and fold them, the
body size, and any warning (a draft translation)."""
