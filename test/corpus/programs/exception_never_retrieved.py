"""A task that fails and is never awaited logs 'Task exception was never retrieved' when it is collected."""
import asyncio
import gc


async def boom():
    await asyncio.sleep(0.01)
    raise ValueError("nobody looked at me")


async def fine():
    await asyncio.sleep(0.01)
    raise KeyError("retrieved")


async def main():
    t = asyncio.create_task(boom())
    checked = asyncio.create_task(fine())
    await asyncio.sleep(0.1)
    print("task done:", t.done())
    print("checked exception:", repr(checked.exception()))
    del t
    del checked
    gc.collect()
    print("after collect")


asyncio.run(main())
print("program end")
