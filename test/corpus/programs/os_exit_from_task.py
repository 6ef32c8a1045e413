"""A worker task ends the whole program with os._exit: no cleanup, the status it names."""
import asyncio
import atexit
import os


@atexit.register
def never():
    print("atexit handlers do not run after os._exit")


async def worker(n):
    await asyncio.sleep(0.1 * n)
    print(f"worker {n} done", flush=True)
    if n == 2:
        os._exit(7)


async def main():
    try:
        await asyncio.gather(*(worker(n) for n in range(4)))
    finally:
        print("finally blocks do not run either")


asyncio.run(main())
