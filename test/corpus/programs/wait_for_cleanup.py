"""When wait_for times out, the inner coroutine is cancelled and its cleanup runs before wait_for raises."""
import asyncio


class Connection:
    def __init__(self, name):
        self.name = name
        self.open = True

    async def close(self):
        await asyncio.sleep(0.05)
        self.open = False
        print(f"{self.name}: closed")


async def query(conn, delay):
    try:
        await asyncio.sleep(delay)
        return f"{conn.name}: rows"
    except asyncio.CancelledError:
        print(f"{conn.name}: query cancelled")
        raise
    finally:
        await conn.close()


async def main():
    for name, delay in (("fast", 0.1), ("slow", 2)):
        conn = Connection(name)
        try:
            print(await asyncio.wait_for(query(conn, delay), timeout=0.5))
        except asyncio.TimeoutError:
            print(f"{name}: timed out, connection open: {conn.open}")


asyncio.run(main())
