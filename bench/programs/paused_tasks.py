"""10,000 tasks suspended in a two-frame stack, to time a pause's "all tasks with stacks"."""
import asyncio

async def inner(event, n):
    value = n * 2
    await event.wait()
    return value

async def outer(event, n):
    return await inner(event, n)

async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(outer(event, n)) for n in range(10_000)]
    await asyncio.sleep(0)
    for _ in range(5):
        await asyncio.sleep(0)  # PAUSE-HERE
    event.set()
    await asyncio.gather(*tasks)

asyncio.run(main())
