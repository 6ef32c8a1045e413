"""A coroutine that is created but never awaited emits 'RuntimeWarning: coroutine ... was never awaited'."""
import asyncio
import gc


async def forgotten(x):
    await asyncio.sleep(0)
    return x


async def main():
    print("calling without await")
    forgotten(1)  # the coroutine object is dropped right away
    gc.collect()
    print("still running")
    value = await forgotten(2)
    print("awaited value", value)
    asyncio.sleep(0.01)  # also never awaited
    gc.collect()
    print("done")


asyncio.run(main())
