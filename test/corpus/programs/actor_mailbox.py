"""A simple actor model: each actor owns a mailbox queue; ask() uses futures for replies; actors message each other."""
import asyncio


class Actor:
    def __init__(self, name):
        self.name = name
        self.mailbox = asyncio.Queue()
        self.task = asyncio.create_task(self._run(), name=name)

    async def _run(self):
        while True:
            msg, reply = await self.mailbox.get()
            if msg == "stop":
                reply.set_result(f"{self.name} stopped")
                return
            try:
                reply.set_result(await self.handle(msg))
            except Exception as e:
                reply.set_exception(e)

    async def ask(self, msg):
        reply = asyncio.get_running_loop().create_future()
        await self.mailbox.put((msg, reply))
        return await reply


class Counter(Actor):
    def __init__(self, name):
        super().__init__(name)
        self.value = 0

    async def handle(self, msg):
        op, n = msg
        await asyncio.sleep(0.001)
        if op == "add":
            self.value += n
            return self.value
        raise ValueError(f"unknown op {op}")


class Forwarder(Actor):
    def __init__(self, name, target):
        super().__init__(name)
        self.target = target

    async def handle(self, msg):
        return ("forwarded", await self.target.ask(msg))


async def main():
    counter = Counter("counter")
    fwd = Forwarder("fwd", counter)
    results = await asyncio.gather(*(counter.ask(("add", i)) for i in range(1, 6)))
    print("running totals:", results)
    print("via forwarder:", await fwd.ask(("add", 100)))
    try:
        await counter.ask(("mul", 2))
    except ValueError as e:
        print("actor error:", e)
    print("still alive, value =", await counter.ask(("add", 0)))
    print(await fwd.ask("stop"), "|", await counter.ask("stop"))
    await asyncio.gather(fwd.task, counter.task)
    print("actors finished:", fwd.task.done(), counter.task.done())


asyncio.run(main())
