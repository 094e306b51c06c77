#!/usr/bin/env python
"""What replicating the application costs a test: requests per second through the
replicated ``TestClient`` against the plain one, on the example shop.

    python benchmarks/replicas.py                     # 2 copies, 5 rounds of 400 requests
    python benchmarks/replicas.py --replicas 4 --requests 1000 --rounds 5

The test clients are patched as ``pytest --stateless-replicas=N`` patches them (the
plugin's own ``install``), outside pytest so that only the requests are timed. Each round
sends the same requests, a ``POST /cart/{user}/apple`` then a ``GET /cart/{user}`` pair
after pair, first through plain clients, then through replicated ones (interleaved, so a
slow phase of the machine hits both); the copies are started before the first timed
round and their start is reported apart. The shop refuses a sixth request a minute from
one client address, so each client (and address) sends four requests, and the clients
are made before the clock starts.

Two ways tests use the client are measured: a ``TestClient`` used directly starts an
event loop in a thread (anyio's portal) for each request, which costs more than the copy
does; one used in a ``with`` block keeps its portal (and runs the lifespan), so the
copy's cost shows in full. Prints the medians and their ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))

PER_CLIENT = 4  # requests per client address: under the shop's limit of 5 a minute


def _clients(test_client: type, app: object, count: int, prefix: int) -> list:
    return [test_client(app, client=(f"10.{prefix}.{i // 250}.{i % 250 + 1}", 50000))
            for i in range(count)]


def _round(clients: list, requests: int) -> float:
    """Requests per second over ``requests`` requests, ``PER_CLIENT`` per client."""
    start = time.perf_counter()
    sent = 0
    for number, client in enumerate(clients):
        user = f"u{number}"
        for _ in range(PER_CLIENT // 2):
            assert client.post(f"/cart/{user}/apple").status_code == 200
            assert client.get(f"/cart/{user}").status_code == 200
            sent += 2
        if sent >= requests:
            break
    return sent / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--requests", type=int, default=400, help="per round and client kind")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    # pylint: disable=import-outside-toplevel
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from pylint_stateless.replicas.adapters import install
    from pylint_stateless.replicas.patching import Patcher
    from pylint_stateless.replicas.session import Options, Replication
    from shop.main import app

    clients_per_round = -(-args.requests // PER_CLIENT)
    replication = Replication(Options(args.replicas))
    patcher = Patcher()
    hook = install(replication, patcher)
    rows = []
    try:
        replication.begin("benchmark")
        started = time.perf_counter()
        _round(_clients(TestClient, app, args.replicas, 250), 2 * args.replicas)
        start_seconds = time.perf_counter() - started
        with replication.plain():
            _round(_clients(TestClient, app, 4, 251), 16)  # warm the plain path too
        for mode, entered in (("used directly", False), ("in a with block", True)):
            plain, replicated = [], []
            for number in range(args.rounds):
                for replicate, figures in ((False, plain), (True, replicated)):
                    clients = _clients(TestClient, app, clients_per_round,
                                       4 * number + 2 * entered + replicate)
                    with contextlib.ExitStack() as stack:
                        if entered:
                            for client in clients:
                                stack.enter_context(client)
                        with contextlib.nullcontext() if replicate else replication.plain():
                            figures.append(_round(clients, args.requests))
            rows.append((mode, plain, replicated))
        copies = {(r.copy, r.generation) for r in replication.current.requests}
    finally:
        replication.end()
        replication.close()
        hook.uninstall()
        patcher.undo()

    print(f"example shop, {args.requests} requests per round, {args.rounds} rounds, "
          f"{args.replicas} copies (Python {sys.version.split()[0]})")
    print("| TestClient | plain, requests/s | replicated, requests/s | replicated / plain | "
          "time added per request |")
    print("|---|---|---|---|---|")
    for mode, plain, replicated in rows:
        p, r = statistics.median(plain), statistics.median(replicated)
        print(f"| {mode} | {p:.0f} ({', '.join(f'{x:.0f}' for x in plain)}) | "
              f"{r:.0f} ({', '.join(f'{x:.0f}' for x in replicated)}) | {r / p:.2f} | "
              f"{1000 / r - 1000 / p:+.2f} ms |")
    print(f"{len(copies)} copies served the requests; starting them took {start_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
