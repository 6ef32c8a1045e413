"""as_completed yields results as they finish and raises TimeoutError for those left when its timeout runs out."""
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}s"


async def main():
    tasks = [asyncio.create_task(fetch(n, d)) for n, d in (("slow", 0.5), ("fast", 0.1), ("medium", 0.3), ("stuck", 5))]
    try:
        for next_done in asyncio.as_completed(tasks, timeout=1):
            print("got", await next_done)
    except asyncio.TimeoutError:
        print("timed out; still pending:", [t.done() for t in tasks].count(False))
    for task in tasks:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print([type(r).__name__ if isinstance(r, BaseException) else r for r in results])


asyncio.run(main())
