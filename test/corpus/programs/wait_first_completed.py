"""asyncio.wait with FIRST_COMPLETED, draining the pending set one completion at a time."""
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    specs = [("slow", 0.5), ("fast", 0.1), ("mid", 0.3)]
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in specs]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first done:", sorted(t.result() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        print(f"t={loop.time() - t0:.1f} done:", sorted(t.result() for t in done))
    print("all finished")

    # wait() on already-finished tasks returns immediately with everything done.
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("again:", len(done), len(pending))


asyncio.run(main())
