"""Process results as they arrive with a loop of asyncio.wait(FIRST_COMPLETED) until nothing is pending."""
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    pending = {asyncio.create_task(job(n, d)) for n, d in (("d", 0.4), ("a", 0.1), ("c", 0.3), ("b", 0.2))}
    rounds = 0
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        rounds += 1
        print(f"round {rounds}: done {sorted(t.result() for t in done)}, {len(pending)} pending")
    print(f"all done after {loop.time() - start:.1f} s")


asyncio.run(main())
