import sys

FRAMEWORKS = ("fastapi", "starlette", "flask", "quart", "django", "aiohttp", "httpx", "werkzeug")


def test_does_not_use_an_application():
    assert sorted("cab") == ["a", "b", "c"]


def test_loaded_modules():
    ours = sorted(m for m in sys.modules if m.startswith("pylint_stateless"))
    frameworks = sorted(m for m in FRAMEWORKS if m in sys.modules)
    print(f"ours={ours} frameworks={frameworks}")
