"""Rewrite the README's example output from a real run of pylint on examples/shop.

    python scripts/refresh_readme.py

tests/test_readme.py checks that the README shows exactly what pylint prints; after a
deliberate change of message text, run this and review the diff.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- example-output:start -->", "<!-- example-output:end -->"


def main() -> int:
    run = subprocess.run(
        [sys.executable, "-m", "pylint", "--persistent=n", "--load-plugins=pylint_stateless",
         "examples/shop"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    lines = [
        line for line in run.stdout.splitlines() if line.startswith(("examples/", "*****"))
    ]
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    block = "\n```text\n" + "\n".join(lines) + "\n```\n"
    readme.write_text(head + START + block + END + tail, encoding="utf-8")
    print(f"{len(lines)} lines written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
