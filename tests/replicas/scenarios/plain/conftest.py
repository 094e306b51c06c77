"""With BLOCK_FRAMEWORKS set, the web frameworks cannot be imported (as if absent)."""

import importlib.abc
import os
import sys

BLOCKED = {"fastapi", "starlette", "flask", "quart", "django", "aiohttp", "httpx", "werkzeug"}


class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname.split(".", 1)[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {fullname!r} (blocked)", name=fullname)
        return None


if os.environ.get("BLOCK_FRAMEWORKS"):
    sys.meta_path.insert(0, Blocker())
