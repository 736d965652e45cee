"""Co-branded editions: what a partner's brand file adds (its name, logo,
local contact block and QR code) and replaces (the blocks the document lets
it), checked against what the document allows."""
