"""asyncio.timeout(): expiry raises TimeoutError outside the block, expired(), nested timeouts, timeout(None)."""
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout(0.2) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print(f"outer caught TimeoutError at {loop.time() - t0:.1f}, expired={cm.expired()}")

    async with asyncio.timeout(0.5) as cm:
        await asyncio.sleep(0.01)
    print("finished in time, expired =", cm.expired())

    # Nested: the inner deadline fires first and only the inner block is aborted.
    async with asyncio.timeout(0.2) as outer:
        try:
            async with asyncio.timeout(0.01) as inner:
                await asyncio.sleep(1)
        except TimeoutError:
            print("inner expired:", inner.expired(), "outer expired:", outer.expired())
        await asyncio.sleep(0.01)
    print("outer still fine")

    # Nested the other way round: the outer deadline fires while the inner one is pending.
    try:
        async with asyncio.timeout(0.01) as outer:
            async with asyncio.timeout(0.5) as inner:
                await asyncio.sleep(1)
    except TimeoutError:
        print("outer expired:", outer.expired(), "inner expired:", inner.expired())

    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0.01)
    print("timeout(None) when =", cm.when())

    # Swallowing the cancellation inside the block still reports a timeout.
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("inner saw CancelledError")
                raise
    except TimeoutError:
        print("converted to TimeoutError")
    print(f"total {loop.time() - t0:.1f}")


asyncio.run(main())
