"""Optional services: imported when their dependency is there."""
try:
    from . import cache
except ImportError:
    cache = None
