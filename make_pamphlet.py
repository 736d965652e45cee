#!/usr/bin/env python3
"""Build print-ready multilingual pamphlets; see README.md or --help."""

from pamphlet.cli import main

if __name__ == "__main__":
    main()
