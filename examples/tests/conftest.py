"""The example services' tests: ``pytest examples/tests`` from the repository's root, and
``pytest examples/tests --stateless-replicas=2`` to see the stateful shop break.

The services are packages in ``examples/``; it is put on ``sys.path`` here (pytest puts
only this directory there).
"""

import itertools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_addresses = itertools.count(1)


@pytest.fixture(name="address")
def _address() -> str:
    """A client address of the test's own: the shops limit requests per address."""
    number = next(_addresses)
    return f"10.0.{number // 250}.{number % 250 + 1}"
