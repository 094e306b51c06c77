"""What a release ships: the license, the wheel's metadata, and an sdist that is the whole
project (its test suite runs where it is unpacked).

The slow tests build the distributions as docs/releasing.md does (``python -m build``:
the sdist, then the wheel from it), from a copy of the files git tracks, so that files
git ignores in a working tree do not count; they are skipped outside a git checkout (in
an unpacked sdist, for one).
"""

from __future__ import annotations

import email
import email.message
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from pylint_stateless import __version__

from helpers import ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pylint depends on tomli there
    import tomli as tomllib  # type: ignore[no-redef]

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: Tracked files the sdist leaves out on purpose: git's own configuration.
LEFT_OUT = frozenset({".gitignore"})
#: Files the build adds to the sdist.
GENERATED = frozenset({"PKG-INFO", "setup.cfg"})
GENERATED_DIRS = ("pylint_stateless.egg-info/",)
#: A small part of the suite, run in the unpacked sdist against its own package.
IN_SDIST = (
    "tests/test_readme.py",
    "tests/test_functional.py",
    "-k", "test_readme or options or module_state",
)
BUILD_TIMEOUT = 600  # seconds; only so that a hang fails


def _tracked() -> list[str] | None:
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        return None
    process = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False
    )
    if process.returncode != 0:
        return None
    return [name for name in process.stdout.decode("utf-8").split("\0") if name]


def _metadata(text: str) -> email.message.Message:
    return email.message_from_string(text)


# --- the license, everywhere ---------------------------------------------------------


def test_license_is_mit() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert "Permission is hereby granted, free of charge, to any person obtaining a copy" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]


def test_metadata_names_versions_and_author() -> None:
    project = PYPROJECT["project"]
    versions = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"]
                if c.startswith("Programming Language :: Python :: 3.")]
    assert versions == ["3.10", "3.11", "3.12", "3.13"]
    assert project["requires-python"] == ">=3.10"
    assert project["authors"]
    # pylint 4.0.0, the oldest allowed, needs astroid 4.0.1 itself.
    assert "astroid>=4.0.1,<5" in project["dependencies"]


def test_release_workflow_publishes_on_a_tag() -> None:
    """docs/releasing.md's workflow: on a version tag, build, twine check, publish with
    trusted publishing (an OIDC token, no stored secret)."""
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert 'tags: ["v*"]' in workflow
    assert "python -m build" in workflow
    assert "twine check --strict dist/*" in workflow
    assert "pypa/gh-action-pypi-publish@release/v1" in workflow
    assert "id-token: write" in workflow
    assert "password" not in workflow and "secrets." not in workflow
    for version in ("3.10", "3.11", "3.12", "3.13"):
        assert f'"{version}"' in workflow
    guide = (ROOT / "docs" / "releasing.md").read_text(encoding="utf-8")
    for step in ("pylint_stateless/_version.py", "## [Unreleased]", "git tag -a vX.Y.Z",
                 "python -m build", "twine check", "release.yml"):
        assert step in guide, step


# --- the built distributions ---------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tracked = _tracked()
    if tracked is None:
        pytest.skip("not a git checkout: nothing to compare the sdist with")
    source = tmp_path_factory.mktemp("source")
    for name in tracked:
        if (ROOT / name).is_file():  # a file deleted but not yet staged is gone
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    process = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True, text=True, check=False, timeout=BUILD_TIMEOUT,
    )
    assert process.returncode == 0, process.stdout[-3000:] + process.stderr[-3000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel, "tracked": source}


@pytest.mark.slow
def test_sdist_holds_every_tracked_file(built: dict[str, Path]) -> None:
    tracked = _tracked()
    assert tracked is not None
    prefix = f"pylint_stateless-{__version__}/"
    with tarfile.open(built["sdist"]) as sdist:
        names = [m.name for m in sdist.getmembers() if m.isfile()]
        run = sdist.getmember(prefix + ".ci/run")
        assert run.mode & 0o111, "the CI script stays executable"
    assert all(name.startswith(prefix) for name in names)
    shipped = {name[len(prefix):] for name in names}
    generated = {name for name in shipped
                 if name in GENERATED or name.startswith(GENERATED_DIRS)}
    assert shipped - generated == set(tracked) - LEFT_OUT
    for needed in ("LICENSE", "CHANGELOG.md", "tests/conftest.py", "tests/helpers.py",
                   "tests/functional/options/options_frameworks.rc", "docs/releasing.md",
                   "examples/shop/main.py", "benchmarks/pathological.py"):
        assert needed in shipped, needed


@pytest.mark.slow
def test_wheel_ships_the_license_and_the_metadata(built: dict[str, Path]) -> None:
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    dist_info = f"pylint_stateless-{__version__}.dist-info"
    with zipfile.ZipFile(built["wheel"]) as wheel:
        names = wheel.namelist()
        assert wheel.read(f"{dist_info}/licenses/LICENSE").decode("utf-8") == license_text
        metadata = _metadata(wheel.read(f"{dist_info}/METADATA").decode("utf-8"))
    assert "pylint_stateless/py.typed" in names
    assert not [n for n in names if n.startswith(("tests/", "examples/", "benchmarks/"))]
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    assert metadata["Author"] == PYPROJECT["project"]["authors"][0]["name"]
    classifiers = metadata.get_all("Classifier")
    for version in ("3.10", "3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    assert "astroid<5,>=4.0.1" in metadata.get_all("Requires-Dist")
    with tarfile.open(built["sdist"]) as sdist:
        prefix = f"pylint_stateless-{__version__}/"
        member = sdist.extractfile(prefix + "LICENSE")
        assert member is not None and member.read().decode("utf-8") == license_text
        info = sdist.extractfile(prefix + "PKG-INFO")
        assert info is not None
        assert _metadata(info.read().decode("utf-8"))["License-File"] == "LICENSE"


@pytest.mark.slow
def test_twine_accepts_both(built: dict[str, Path]) -> None:
    """What PyPI will check on upload, the README rendered as the project page first."""
    process = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict",
         str(built["sdist"]), str(built["wheel"])],
        capture_output=True, text=True, check=False, timeout=BUILD_TIMEOUT,
    )
    assert process.returncode == 0, process.stdout + process.stderr


@pytest.mark.slow
def test_suite_runs_in_the_unpacked_sdist(
    built: dict[str, Path], tmp_path: Path
) -> None:
    with tarfile.open(built["sdist"]) as sdist:
        if sys.version_info >= (3, 12):
            sdist.extractall(tmp_path, filter="data")
        else:
            sdist.extractall(tmp_path)  # nosec: our own archive, just built
    root = tmp_path / f"pylint_stateless-{__version__}"
    # The unpacked package comes first, for pytest and for the pylint runs it starts.
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("PYTEST_ADDOPTS", None)
    where = subprocess.run(
        [sys.executable, "-c", "import pylint_stateless; print(pylint_stateless.__file__)"],
        cwd=root, env=env, capture_output=True, text=True, check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(root)
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *IN_SDIST],
        cwd=root, env=env, capture_output=True, text=True, check=False,
        timeout=BUILD_TIMEOUT,
    )
    assert process.returncode == 0, process.stdout[-4000:] + process.stderr[-2000:]
    assert " passed" in process.stdout and " failed" not in process.stdout
