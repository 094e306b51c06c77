#!/usr/bin/env python
"""Memory of a long-lived editor process: what the plugin keeps between saves.

In an editor run (``--from-stdin``) the plugin keeps the trees of the modules a handler's
helpers live in, and the summaries of those helpers, for the next save of the same process
(``pylint_stateless/analysis/outline.py``): that is what makes a later save cheap, and it
costs memory. This script lints the editor file of ``benchmarks/run.py`` several times in
one process, as the VS Code extension does (``runpy``, ``--clear-cache-post-run=y``),
once without and once with the plugin, each in its own child, and prints the resident
memory after each save (after a full collection) and the peak so far::

    python benchmarks/editor_memory.py              # 4 saves each
    python benchmarks/editor_memory.py --saves 8
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import (  # noqa: E402  pylint: disable=wrong-import-position
    COMMON, PLUGIN, VSCODE_EXTRA_ARGS, VSCODE_TOOL_ARGS, chosen_service, pick_editor_file,
    python_files, service_parser,
)

# One child per configuration: ``saves`` runs of pylint in-process, then the sizes as JSON.
CHILD = """
import gc, io, json, resource, runpy, sys
saves, path, args = int(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
text = open(path, encoding="utf-8").read()
base = sys.path[:]
sizes = []
for _ in range(saves):
    sys.argv = ["pylint", *args]
    sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    saved, sys.stdout = sys.stdout, io.StringIO()
    sys.path[:] = [""] + base
    try:
        runpy.run_module("pylint", run_name="__main__", alter_sys=True)
    except SystemExit:
        pass
    finally:
        sys.stdout = saved
    gc.collect()
    with open("/proc/self/status", encoding="ascii") as status:
        rss_kb = int(status.read().split("VmRSS:")[1].split()[0])
    sizes.append([rss_kb // 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024])
print(json.dumps(sizes))
"""


def main() -> int:
    parser = service_parser(__doc__)
    parser.add_argument("--saves", type=int, default=4)
    args = parser.parse_args()
    service, root = chosen_service(args)
    editor_file, _routes = pick_editor_file(python_files(root / service.package,
                                                         service.ignore))
    base = [*COMMON, *VSCODE_TOOL_ARGS]
    configs = {
        "without": [*base, *VSCODE_EXTRA_ARGS, "--from-stdin", str(editor_file)],
        "with": [*base, f"--load-plugins={PLUGIN}", *VSCODE_EXTRA_ARGS, "--from-stdin",
                 str(editor_file)],
    }
    env = dict(os.environ)
    env.pop("PYLINT_STATELESS_DEBUG", None)
    sizes = {}
    for label, cmd in configs.items():
        print(f"{label} ...", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(args.saves), str(editor_file), json.dumps(cmd)],
            cwd=root, env=env, capture_output=True, text=True, check=True,
        )
        sizes[label] = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"`{editor_file.relative_to(root)}` linted {args.saves} times in one process "
          "(MB: resident after the save / peak so far)\n")
    print("| save | without plugin | with plugin | added |")
    print("|---|---|---|---|")
    for index, ((rss_a, peak_a), (rss_b, peak_b)) in enumerate(
        zip(sizes["without"], sizes["with"]), start=1
    ):
        print(f"| {index} | {rss_a} / {peak_a} | {rss_b} / {peak_b} | "
              f"{rss_b - rss_a:+d} / {peak_b - peak_a:+d} "
              f"({(peak_b / peak_a - 1) * 100:+.0f} % peak) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
