"""A Semaphore keeps at most three downloads running at once; the program tracks how many ran together."""
import asyncio

running = 0
peak = 0


async def download(sem, n):
    global running, peak
    async with sem:
        running += 1
        peak = max(peak, running)
        print(f"start {n} ({running} running)")
        await asyncio.sleep(0.1 + 0.02 * (n % 3))
        running -= 1
    return n


async def main():
    sem = asyncio.Semaphore(3)
    results = await asyncio.gather(*(download(sem, n) for n in range(8)))
    print("results", results)
    print("peak concurrency", peak, "locked now", sem.locked())


asyncio.run(main())
