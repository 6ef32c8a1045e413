"""asyncio.Condition: wait_for a predicate, notify(n), notify_all, and the lock must be held."""
import asyncio


async def consumer(name, cond, items, log):
    async with cond:
        await cond.wait_for(lambda: items)
        item = items.pop(0)
        log.append(f"{name} took {item}")


async def sleeper(name, cond, log):
    async with cond:
        await cond.wait()
        log.append(f"{name} woke")


async def main():
    cond = asyncio.Condition()
    items = []
    log = []
    consumers = [asyncio.create_task(consumer(f"c{i}", cond, items, log)) for i in range(3)]
    await asyncio.sleep(0.01)
    for n in range(3):
        async with cond:
            items.append(n)
            cond.notify(1)
        await asyncio.sleep(0.01)
    await asyncio.gather(*consumers)
    print(log)

    log.clear()
    sleepers = [asyncio.create_task(sleeper(f"s{i}", cond, log)) for i in range(4)]
    await asyncio.sleep(0.01)
    async with cond:
        cond.notify(2)
    await asyncio.sleep(0.01)
    print("after notify(2):", log)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*sleepers)
    print("after notify_all:", log)

    try:
        cond.notify()
    except RuntimeError as e:
        print("notify without lock:", type(e).__name__)

    # A condition sharing an existing lock.
    lock = asyncio.Lock()
    cond2 = asyncio.Condition(lock)
    async with lock:
        print("shared lock held via condition:", cond2.locked())
    ready = False

    async def flip():
        nonlocal ready
        await asyncio.sleep(0.01)
        async with cond2:
            ready = True
            cond2.notify_all()

    asyncio.create_task(flip())
    async with cond2:
        result = await cond2.wait_for(lambda: ready)
    print("wait_for returned", result)


asyncio.run(main())
