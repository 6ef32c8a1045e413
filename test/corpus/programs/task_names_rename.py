"""Task names: given at creation, changed with set_name, read by the task itself through current_task()."""
import asyncio


async def worker(delay):
    me = asyncio.current_task()
    print("start", me.get_name())
    await asyncio.sleep(delay)
    me.set_name(me.get_name() + "-done")
    return me.get_name()


async def main():
    print("main is", asyncio.current_task().get_name())
    a = asyncio.create_task(worker(0.2), name="alpha")
    b = asyncio.create_task(worker(0.1), name="beta")
    await asyncio.sleep(0)
    b.set_name("bravo")
    print("renamed beta to", b.get_name())
    print(await a, await b)
    print("names now", a.get_name(), b.get_name())
    c = asyncio.get_running_loop().create_task(worker(0), name=42)
    print("a name that is not a string:", repr(await c))


asyncio.run(main())
