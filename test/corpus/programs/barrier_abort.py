"""Barrier.abort() breaks the barrier: waiters and later callers get BrokenBarrierError; reset() repairs it."""
import asyncio


async def party(name, barrier, log):
    try:
        await barrier.wait()
        log.append(f"{name} passed")
    except asyncio.BrokenBarrierError:
        log.append(f"{name} broken")


async def main():
    barrier = asyncio.Barrier(3)
    log = []
    tasks = [asyncio.create_task(party(f"p{i}", barrier, log)) for i in range(2)]
    await asyncio.sleep(0.01)
    print("waiting before abort:", barrier.n_waiting)
    await barrier.abort()
    await asyncio.gather(*tasks)
    print(log, "broken:", barrier.broken)

    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        print("wait on broken barrier:", type(e).__name__)

    await barrier.reset()
    print("after reset broken:", barrier.broken)
    log.clear()
    await asyncio.gather(*(party(f"q{i}", barrier, log) for i in range(3)))
    print(log)

    # Cancelling a waiter does not break the barrier; it just leaves it.
    barrier = asyncio.Barrier(3)
    log.clear()
    a = asyncio.create_task(party("a", barrier, log))
    b = asyncio.create_task(party("b", barrier, log))
    await asyncio.sleep(0.01)
    a.cancel()
    await asyncio.sleep(0.01)
    print("a cancelled:", a.cancelled(), "waiting:", barrier.n_waiting, "broken:", barrier.broken)
    await barrier.abort()
    await b
    print(log)

    # reset() while parties are waiting also raises BrokenBarrierError in them.
    barrier = asyncio.Barrier(2)
    log.clear()
    c = asyncio.create_task(party("c", barrier, log))
    await asyncio.sleep(0.01)
    await barrier.reset()
    await c
    print(log, "broken after reset:", barrier.broken)


asyncio.run(main())
