#!/usr/bin/env python
"""Where does pylint-stateless spend its time?  cProfile of one plugin-only run.

Runs, on the real service of ``benchmarks/run.py`` (downloaded and unzipped into the cache
if needed)::

    python -m cProfile -o OUT -m pylint --rcfile=/dev/null --persistent=n --jobs=1 \\
        --recursive=y --ignore=<...> --load-plugins=pylint_stateless \\
        --disable=all --enable=stateless,astroid-error,fatal,syntax-error <package>

and prints three tables:

1. the top functions of ``pylint_stateless`` by cumulative time;
2. the top astroid functions by the cumulative time of their calls *made directly from
   pylint_stateless code* (the inference the plugin asks for; time astroid spends inside
   pylint's own checkers is not counted);
3. the plugin's share: cumulative time of the checker's visit/leave methods against the
   whole run.

    python benchmarks/profile_plugin.py                # whole service (several minutes)
    python benchmarks/profile_plugin.py --quick        # the service's --quick subset
    python benchmarks/profile_plugin.py --stats /tmp/prof.out   # only print, no run
"""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import COMMON, INTERNAL, PLUGIN, chosen_service, service_parser  # noqa: E402  pylint: disable=wrong-import-position

Func = tuple[str, int, str]


def where(func: Func) -> str:
    filename, line, name = func
    for marker in ("pylint_stateless", "astroid", "pylint"):
        index = filename.rfind(f"/{marker}/")
        if index >= 0:
            return f"{filename[index + 1:]}:{line} {name}"
    return f"{filename}:{line} {name}" if line else name


def in_plugin(func: Func) -> bool:
    return "/pylint_stateless/" in func[0]


def in_astroid(func: Func) -> bool:
    return "/astroid/" in func[0]


def summarize(stats_path: Path, top: int) -> str:
    stats = pstats.Stats(str(stats_path))
    table = stats.stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in table.values())
    lines = [f"Total profiled time: {total:.1f} s (cProfile slows the run ~1.5-2x)", ""]

    plugin_rows = sorted(((ct, nc, tt, func) for func, (_, nc, tt, ct, _) in table.items()
                          if in_plugin(func)), reverse=True)[:top]
    lines += [f"### Top {top} pylint_stateless functions by cumulative time", "",
              "| cumulative s | % of run | own s | calls | function |", "|---|---|---|---|---|"]
    lines += [f"| {ct:.2f} | {ct / total * 100:.1f} | {tt:.2f} | {nc} | `{where(func)}` |"
              for ct, nc, tt, func in plugin_rows]

    astroid_rows = []
    for func, (_, _, _, _, callers) in table.items():
        if not in_astroid(func):
            continue
        from_plugin = [(edge[3], edge[1]) for caller, edge in callers.items()
                       if in_plugin(caller)]
        if from_plugin:
            astroid_rows.append((sum(ct for ct, _ in from_plugin),
                                 sum(nc for _, nc in from_plugin), func))
    astroid_rows.sort(reverse=True)
    lines += ["", f"### Top {top} astroid functions called directly from pylint_stateless "
              "(cumulative time of those calls)", "",
              "| cumulative s | % of run | calls | function |", "|---|---|---|---|"]
    lines += [f"| {ct:.2f} | {ct / total * 100:.1f} | {nc} | `{where(func)}` |"
              for ct, nc, func in astroid_rows[:top]]

    hooks = [(ct, nc, func) for func, (_, nc, _, ct, _) in table.items()
             if in_plugin(func) and func[2].split(".")[-1].startswith(("visit_", "leave_",
                                                                      "open", "close"))
             and func[0].endswith("checker.py")]
    hooks.sort(reverse=True)
    plugin_total = sum(ct for ct, _, _ in hooks)
    lines += ["", "### The checker's hooks (pylint calls these)", "",
              "| cumulative s | % of run | calls | hook |", "|---|---|---|---|"]
    lines += [f"| {ct:.2f} | {ct / total * 100:.1f} | {nc} | `{where(func)}` |"
              for ct, nc, func in hooks]
    lines += ["", f"Hooks together: {plugin_total:.1f} s of {total:.1f} s "
              f"({plugin_total / total * 100:.0f} %)."]
    return "\n".join(lines)


def main() -> int:
    parser = service_parser(__doc__)
    parser.add_argument("--quick", action="store_true", help="profile the --quick subset")
    parser.add_argument("--out", type=Path, default=Path("/tmp/prof.out"))
    parser.add_argument("--stats", type=Path, help="only summarize an existing profile")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if args.stats:
        print(summarize(args.stats, args.top))
        return 0
    service, root = chosen_service(args)
    target = service.quick if args.quick else service.package
    ignore = [f"--ignore={','.join(service.ignore)}"] if service.ignore else []
    cmd = [sys.executable, "-m", "cProfile", "-o", str(args.out), "-m", "pylint", *COMMON,
           "--recursive=y", *ignore, f"--load-plugins={PLUGIN}", "--disable=all",
           f"--enable=stateless,{INTERNAL}", "--output-format=json2", target]
    env = dict(os.environ)
    env.pop("PYLINT_STATELESS_DEBUG", None)
    print(f"$ (cd {root} && {' '.join(cmd)})", file=sys.stderr, flush=True)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, check=False)
    print(f"profiled run: {time.perf_counter() - start:.1f} s, exit status {proc.returncode}",
          file=sys.stderr)
    print(f"Profile of: `{service.name} {service.version}`, `{target}`\n")
    print(summarize(args.out, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
