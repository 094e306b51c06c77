"""Shared state module: defining containers is not a finding in itself."""
carts = {}
counters = {}
LAST_UID = None
