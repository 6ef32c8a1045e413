"""asyncio.wait with ALL_COMPLETED and with a timeout that leaves tasks pending (no exception raised)."""
import asyncio


async def job(i, unit=0.02):
    await asyncio.sleep(unit * i)
    return i * i


async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job(i)) for i in range(1, 4)]
    done, pending = await asyncio.wait(tasks)
    print("ALL_COMPLETED:", len(done), len(pending), sorted(t.result() for t in done))

    t0 = loop.time()
    tasks = [asyncio.create_task(job(i, 0.1), name=f"job{i}") for i in range(1, 6)]
    done, pending = await asyncio.wait(tasks, timeout=0.25)
    print("after the 0.25 s timeout:")
    print("  done", sorted(t.get_name() for t in done))
    print("  pending", sorted(t.get_name() for t in pending))
    done2, pending2 = await asyncio.wait(pending, timeout=1)
    print("rest done", sorted(t.result() for t in done2), "left", len(pending2))
    print(f"elapsed {loop.time() - t0:.1f}")

    try:
        await asyncio.wait([])
    except ValueError as e:
        print("empty wait:", type(e).__name__)


asyncio.run(main())
