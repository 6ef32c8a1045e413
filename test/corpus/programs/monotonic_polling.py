"""Busy-polls time.monotonic() with `await asyncio.sleep(0)` until a deadline 0.05 s away, alongside other tasks."""
import asyncio
import time


async def poller(deadline):
    spins = 0
    while time.monotonic() < deadline:
        spins += 1
        await asyncio.sleep(0)
    return spins


async def ticker(log):
    for i in range(3):
        await asyncio.sleep(0.01)
        log.append(f"tick {i}")


async def main():
    start = time.monotonic()
    deadline = start + 0.05
    log = []
    spins, _ = await asyncio.gather(poller(deadline), ticker(log))
    now = time.monotonic()
    print("deadline reached:", now >= deadline)
    print("polled at least once:", spins > 0)
    print("ticker ran while polling:", log)
    print("monotonic never goes backwards:", now >= start)


asyncio.run(main())
