"""gather keeps argument order for coroutines, tasks and futures, whatever order they finish in."""
import asyncio


async def value(v, delay):
    await asyncio.sleep(delay)
    return v


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.15, fut.set_result, "future")
    task = asyncio.create_task(value("task", 0.05))
    results = await asyncio.gather(value("coro", 0.3), task, fut, value("quick", 0))
    print(results)
    same = value("shared", 0.1)
    shared = asyncio.ensure_future(same)
    print(await asyncio.gather(shared, shared))
    print(await asyncio.gather())


asyncio.run(main())
