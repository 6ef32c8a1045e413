"""Task names: default Task-N numbering, name= on create_task and TaskGroup, set_name/get_name."""
import asyncio


async def nap():
    await asyncio.sleep(0.01)
    return asyncio.current_task().get_name()


async def main():
    # Default names come from a process-wide counter; asyncio.run's main task is Task-1.
    print("main task:", asyncio.current_task().get_name())
    t1 = asyncio.create_task(nap())
    t2 = asyncio.ensure_future(nap())
    print("defaults:", t1.get_name(), t2.get_name())
    t1.set_name("renamed")
    t2.set_name(42)  # non-string names are converted with str()
    g = asyncio.gather(nap(), nap())
    print("gather children:", await g)
    # (Only unnamed tasks are created above: whether a named task consumes a
    # counter value differs between Python versions, so numbering stops here.)

    t3 = asyncio.create_task(nap(), name="custom")
    print("results:", await asyncio.gather(t1, t2, t3))
    print("type of converted name:", type(t2.get_name()).__name__)

    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(nap(), name="tg-a")
        b = tg.create_task(nap(), name="tg-b")
    print("taskgroup:", a.result(), b.result())

    names = []
    for fut in asyncio.as_completed([asyncio.create_task(nap(), name=f"ac-{i}") for i in range(2)]):
        names.append(await fut)
    print("as_completed names:", sorted(names))

    me = asyncio.current_task()
    me.set_name("main-renamed")
    print("renamed main:", me.get_name())


asyncio.run(main())
