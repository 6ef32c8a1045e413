"""TaskGroup: all children succeed, the block waits for all of them, and tasks can be added from inside children."""
import asyncio


async def worker(name, delay, log):
    await asyncio.sleep(delay)
    log.append(name)
    return name.upper()


async def spawner(tg, log):
    await asyncio.sleep(0.15)
    log.append("spawner")
    return tg.create_task(worker("late", 0.1, log))


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(worker("one", 0.3, log), name="one")
        t2 = tg.create_task(worker("two", 0.1, log), name="two")
        ts = tg.create_task(spawner(tg, log))
        print("inside block, nothing done yet:", t1.done(), t2.done())
    print("after block:", t1.result(), t2.result(), ts.result().result())
    print("completion order:", log)
    print(f"elapsed {loop.time() - t0:.1f}")

    async with asyncio.TaskGroup() as tg:
        pass
    print("empty group ok")

    results = []
    async with asyncio.TaskGroup() as tg:
        for i in range(5):
            tg.create_task(worker(f"w{i}", 0.01 * (5 - i), results))
    print("reverse order:", results)


asyncio.run(main())
