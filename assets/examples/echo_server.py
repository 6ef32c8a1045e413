"""An asyncio TCP echo server and two clients on 127.0.0.1 (native mode).

Real sockets need native mode: choose a Python interpreter in the toolbar's picker (the
embedded engine has no network). Set a breakpoint on the `await reader.readline()` line of
`handle` and run: each connection is a task of its own, and Step Over stays in that task.
"""
import asyncio


async def handle(reader, writer):
    peer = writer.get_extra_info("peername")[1]
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
    print(f"server: connection from port {peer} closed")


async def client(port, name, words):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for word in words:
        writer.write(f"{word}\n".encode())
        await writer.drain()
        answer = await reader.readline()
        print(f"{name}: sent {word!r}, got {answer.decode().strip()!r}")
        await asyncio.sleep(0.05)
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await asyncio.gather(
            client(port, "alice", ["hello", "world"]),
            client(port, "bob", ["ping", "pong", "done"]),
        )
        await asyncio.sleep(0.1)
    print("server closed")


asyncio.run(main())
