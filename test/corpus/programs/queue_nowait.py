"""put_nowait/get_nowait with QueueFull and QueueEmpty, plus a getter cancelled while waiting."""
import asyncio


async def main():
    q = asyncio.Queue(maxsize=3)
    for i in range(3):
        q.put_nowait(f"item{i}")
    try:
        q.put_nowait("overflow")
    except asyncio.QueueFull:
        print("QueueFull at size", q.qsize())
    while True:
        try:
            print("got", q.get_nowait())
        except asyncio.QueueEmpty:
            print("QueueEmpty")
            break

    unbounded = asyncio.Queue()
    for i in range(100):
        unbounded.put_nowait(i)
    print("unbounded size", unbounded.qsize(), "full", unbounded.full())

    # A blocked get() is woken by put_nowait.
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0.01)
    print("getter waiting:", not getter.done())
    q.put_nowait("wake")
    print("getter got:", await getter)

    # A cancelled getter does not swallow an item.
    g1 = asyncio.create_task(q.get())
    g2 = asyncio.create_task(q.get())
    await asyncio.sleep(0.01)
    g1.cancel()
    q.put_nowait("only")
    await asyncio.sleep(0)
    print("g1 cancelled:", g1.cancelled(), "g2:", await g2, "left:", q.qsize())

    # A blocked put() waits for room.
    full = asyncio.Queue(maxsize=1)
    full.put_nowait("a")
    putter = asyncio.create_task(full.put("b"))
    await asyncio.sleep(0.01)
    print("putter blocked:", not putter.done())
    print("take", full.get_nowait())
    await putter
    print("now holds", full.get_nowait())

    try:
        await asyncio.wait_for(full.get(), timeout=0.01)
    except TimeoutError:
        print("get timed out on empty queue")


asyncio.run(main())
