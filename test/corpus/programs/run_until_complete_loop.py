"""The pre-asyncio.run style: a new event loop, run_until_complete on a gather, then close."""
import asyncio


async def greet(name, delay):
    await asyncio.sleep(delay)
    print("hello", name)
    return len(name)


async def both():
    return await asyncio.gather(greet("ada", 0.2), greet("grace", 0.1))


def main():
    loop = asyncio.new_event_loop()
    try:
        lengths = loop.run_until_complete(both())
        print("lengths", lengths)
        task = loop.create_task(greet("linus", 0.05))
        print("task result", loop.run_until_complete(task))
        print("running?", loop.is_running(), "closed?", loop.is_closed())
    finally:
        loop.close()
    print("closed?", loop.is_closed())


main()
