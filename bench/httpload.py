"""A lean HTTP/1.1 load client for loopback benchmarks (bench/serve_bench.py, bench/loadtest.py).

A generic client (httpx) spends a millisecond or more of CPU per request, and on a 2-core machine that CPU
is taken from the server being measured. This one speaks just enough HTTP/1.1 over asyncio streams
(keep-alive, Content-Length and chunked bodies) to cost a few tens of microseconds per request, and it
reports the CPU it used, so a reader can see how much it took from the server.
"""
from __future__ import annotations

import asyncio
import random
import resource
import statistics
import time


class Connection:
    """One keep-alive connection; get() reopens it when the server closed it."""

    def __init__(self, host: str, port: int, headers: dict | None = None):
        self.host, self.port = host, port
        self.extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        self.reader = self.writer = None

    async def _open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def close(self):
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None

    async def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
        """(status, headers with lower-case names, body) of GET path."""
        for attempt in (0, 1):
            if self.writer is None:
                await self._open()
            extra = self.extra + "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
            self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{extra}\r\n".encode("latin-1"))
            try:
                head = await self.reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                self.close()  # the server closed an idle keep-alive connection: one retry on a new one
                if attempt:
                    raise
                continue
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ", 2)[1])
            hdrs = {}
            for line in lines[1:]:
                if ":" in line:
                    k, v = line.split(":", 1)
                    hdrs[k.strip().lower()] = v.strip()
            if "content-length" in hdrs:
                body = await self.reader.readexactly(int(hdrs["content-length"]))
            elif hdrs.get("transfer-encoding", "").lower() == "chunked":
                parts = []
                while True:
                    size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    chunk = await self.reader.readexactly(size + 2)
                    if size == 0:
                        break
                    parts.append(chunk[:-2])
                body = b"".join(parts)
            elif status in (204, 304) or 100 <= status < 200:
                body = b""
            else:
                body = await self.reader.read()
                self.close()
            if hdrs.get("connection", "").lower() == "close":
                self.close()
            return status, hdrs, body
        raise ConnectionError("unreachable")


async def get_once(host: str, port: int, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    conn = Connection(host, port)
    try:
        return await conn.get(path, headers)
    finally:
        conn.close()


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))]


async def load(host: str, port: int, paths, clients: int, seconds: float, headers: dict | None = None,
               seed: int = 1, max_requests: int | None = None) -> dict:
    """`clients` connections, each sending GETs one after another for `seconds` (or until `max_requests`
    in all); paths is a list (chosen at random, seeded) or one path. Throughput, latencies, statuses."""
    paths = [paths] if isinstance(paths, str) else list(paths)
    latencies: list[float] = []
    by_path: dict[str, list[float]] = {}
    statuses: dict = {}
    cache: dict = {}  # the server's x-response-cache answers (hit, miss, none)
    sizes: list[int] = []
    until = time.monotonic() + seconds
    budget = [max_requests if max_requests is not None else float("inf")]
    rng = random.Random(seed)

    async def one(r: random.Random):
        conn = Connection(host, port, headers)
        try:
            while time.monotonic() < until and budget[0] > 0:
                budget[0] -= 1
                path = r.choice(paths)
                t = time.perf_counter()
                try:
                    status, hdrs, body = await conn.get(path)
                    sizes.append(len(body))
                    said = hdrs.get("x-response-cache", "none")
                    cache[said] = cache.get(said, 0) + 1
                except (OSError, asyncio.IncompleteReadError, ValueError) as e:
                    status = type(e).__name__
                    conn.close()
                latencies.append(time.perf_counter() - t)
                by_path.setdefault(path, []).append(latencies[-1])
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            conn.close()

    cpu = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    await asyncio.gather(*(one(random.Random(rng.random())) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    cpu2 = resource.getrusage(resource.RUSAGE_SELF)
    lat = sorted(latencies)
    return {
        "requests": len(lat), "seconds": elapsed, "rps": len(lat) / elapsed if elapsed else 0.0,
        "p50_ms": 1000 * percentile(lat, 0.5), "p99_ms": 1000 * percentile(lat, 0.99),
        "mean_ms": 1000 * statistics.mean(lat) if lat else float("nan"),
        "bytes_mean": statistics.mean(sizes) if sizes else 0,
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))},
        "errors": sum(v for k, v in statuses.items() if not isinstance(k, int) or k >= 500),
        "response_cache": dict(sorted(cache.items())),
        "per_path": {p: {"requests": len(v), "p50_ms": 1000 * percentile(sorted(v), 0.5),
                         "p99_ms": 1000 * percentile(sorted(v), 0.99), "mean_ms": 1000 * statistics.mean(v)}
                     for p, v in by_path.items()},
        "client_cpu_share": ((cpu2.ru_utime + cpu2.ru_stime) - (cpu.ru_utime + cpu.ru_stime)) / elapsed if elapsed else 0.0,
    }


def new_loop():
    """uvloop where installed (less client CPU), else asyncio's own loop."""
    try:
        import uvloop

        return uvloop.new_event_loop()
    except ImportError:
        return asyncio.new_event_loop()


def run(coro):
    loop = new_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()
