"""An uncaught KeyboardInterrupt: its traceback, and the status of a process killed by SIGINT."""
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    finally:
        print("worker cleaned up")


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    print("interrupting")
    raise KeyboardInterrupt


asyncio.run(main())
