"""Per-client request counts kept in memory, beside a shared counter in Redis."""
# pylint: disable=missing-function-docstring
import time
from collections import defaultdict

from fastapi import FastAPI, HTTPException, Request

app = FastAPI()
request_counts = defaultdict(lambda: {"count": 0, "window_start": time.time()})
per_ip = {}
recent_paths = []


class FakeRedis:
    """Stands in for a Redis client in this test."""

    def incr(self, key):
        return len(key)


redis_client = FakeRedis()


@app.middleware("http")
async def rate_limit(request: Request, call_next):
    client_ip = request.client.host
    now = time.time()
    if now - request_counts[client_ip]["window_start"] > 60:
        request_counts[client_ip] = {"count": 0, "window_start": now}  # [in-memory-rate-limiter]
    request_counts[client_ip]["count"] += 1  # [in-memory-rate-limiter]
    if request_counts[client_ip]["count"] > 100:
        raise HTTPException(429, "Too many requests")
    return await call_next(request)


@app.get("/api")
async def api(request: Request):
    per_ip.setdefault(request.client.host, []).append(time.time())  # [in-memory-rate-limiter]
    recent_paths.append(request.url.path)  # [request-mutates-module-state]
    if redis_client.incr(f"rate:{request.client.host}") > 100:
        raise HTTPException(429)
    return "ok"


class RateLimiter:
    """Counts per token on a shared instance."""

    def __init__(self):
        self.user_requests = {}

    def check(self, token):
        count, start = self.user_requests.get(token, (0, time.time()))
        self.user_requests[token] = (count + 1, start)  # [in-memory-rate-limiter]


limiter = RateLimiter()


@app.get("/limited")
async def limited(token: str):
    limiter.check(token)
