"""A runaway: a coroutine that never yields."""
import asyncio

async def spin():
    n = 0
    while True:
        n += 1

asyncio.run(spin())
