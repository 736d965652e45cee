"""The test documents under tests/fixtures/docs/ and their brand files
(see tests/fixtures/docs/README.md): a short pamphlet of another group, about
half as long as the bundled tri-fold, and a long one whose tri-fold needs the
layout's smallest body size."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHORT = FIXTURES / "docs" / "short-pamphlet"
LONG = FIXTURES / "docs" / "long-pamphlet"
SHORT_BRAND = FIXTURES / "brands" / "marigold-collective.yaml"
LONG_BRAND = FIXTURES / "brands" / "lantern-network.yaml"
