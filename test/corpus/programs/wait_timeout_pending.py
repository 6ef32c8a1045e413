"""asyncio.wait with a timeout returns what finished in time and leaves the rest running; they finish later."""
import asyncio


async def sleeper(n):
    await asyncio.sleep(n / 10)
    return n


async def main():
    tasks = [asyncio.create_task(sleeper(n)) for n in (1, 6, 2, 8, 3)]
    done, pending = await asyncio.wait(tasks, timeout=0.45)
    print("in time:", sorted(t.result() for t in done))
    print("still running:", len(pending), all(not t.done() for t in pending))
    done, pending = await asyncio.wait(pending, timeout=0.2)
    print("in the next 0.2 s:", sorted(t.result() for t in done), "left:", len(pending))
    done, pending = await asyncio.wait(pending)
    print("at last:", sorted(t.result() for t in done), "left:", len(pending))


asyncio.run(main())
