"""At exit: atexit handlers, then the module's globals go, with their __del__ and warnings."""
import asyncio
import atexit


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("released", self.name)


async def boom():
    raise ValueError("never looked at")


async def main():
    global task, coro
    local = Resource("local")
    task = asyncio.create_task(boom())
    coro = boom()
    await asyncio.sleep(0.1)
    del local
    print("main done")


atexit.register(print, "atexit handler")
keep = Resource("global")
_private = Resource("private")
asyncio.run(main())
print("end of module")
