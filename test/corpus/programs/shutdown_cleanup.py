"""At the end of asyncio.run, leftover tasks are cancelled and unfinished async generators are finalized."""
import asyncio


async def forever(name, lag):
    try:
        while True:
            await asyncio.sleep(0.01)
    except asyncio.CancelledError:
        # Tasks are cancelled in an unspecified order; a distinct lag makes the prints ordered.
        await asyncio.sleep(lag)
        print(f"{name}: cancelled at shutdown")
        raise
    finally:
        print(f"{name}: finally")


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        await asyncio.sleep(0.05)
        print("stubborn: ignored the cancellation and returned normally")
        return "stubborn result"


async def stream():
    try:
        for i in range(100):
            yield i
            await asyncio.sleep(0)
    finally:
        print("stream: finalized")


async def main():
    asyncio.create_task(forever("bg-1", 0.01))
    asyncio.create_task(forever("bg-2", 0.03))
    asyncio.create_task(stubborn())
    gen = stream()
    print("first from stream:", await gen.__anext__())
    await asyncio.sleep(0.025)
    print("main returns")
    main.gen = gen  # keep the generator alive until shutdown_asyncgens


asyncio.run(main())
print("after asyncio.run")
