#!/usr/bin/env python3
"""A loopback TCP proxy that delays every request by a fixed time, to emulate a remote index.

Usage: delay_proxy.py UPSTREAM_PORT DELAY_MS

Listens on a free port of 127.0.0.1 and prints "listening PORT" on standard output once it accepts
connections. Every client connection gets its own upstream connection to 127.0.0.1:UPSTREAM_PORT.
Bytes from the client reach the upstream DELAY_MS after they arrived (a delay line, order kept);
the answers flow back at once. HTTP clients send a request and wait for its answer (none of the
benchmarked tools pipelines), so every request costs DELAY_MS more, as a round trip to a remote
server would; a keep-alive connection keeps paying it per request, a new connection pays nothing
extra for the TCP handshake (connection set-up is not modelled).

Only the Python standard library is used. Stops on SIGTERM or SIGINT.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import time


async def pump_delayed(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    """Forwards reader to writer, each chunk `delay` seconds after it arrived."""
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def receive() -> None:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((time.monotonic() + delay, data))
            if not data:
                return

    receiver = asyncio.create_task(receive())
    try:
        while True:
            due, data = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    finally:
        receiver.cancel()
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            pass


async def pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def serve(upstream_port: int, delay: float) -> None:
    async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
        except OSError:
            client_writer.close()
            return
        try:
            await asyncio.gather(
                pump_delayed(client_reader, upstream_writer, delay),
                pump(upstream_reader, client_writer),
            )
        except (ConnectionError, OSError):
            pass
        finally:
            for writer in (client_writer, upstream_writer):
                writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    print(f"listening {port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with server:
        await stop.wait()


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    asyncio.run(serve(int(sys.argv[1]), float(sys.argv[2]) / 1000.0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
