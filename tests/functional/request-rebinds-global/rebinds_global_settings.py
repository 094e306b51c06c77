"""Settings module: plain module-level names."""
DEBUG = False
LEVEL = "info"
