# A lazily opened session: a client opens its connection on first use. Two requests that both
# see no session yet open two connections, one of which leaks.
import asyncio


class Client:
    def __init__(self):
        self.session = None
        self.opened = 0

    async def connect(self):
        self.opened += 1
        await asyncio.sleep(0)
        return object()

    async def get_session(self):
        if self.session is None:
            self.session = await self.connect()
        return self.session


async def request(client, delay_steps):
    for _ in range(delay_steps):
        await asyncio.sleep(0)
    return await client.get_session()


async def main():
    client = Client()
    await asyncio.gather(request(client, 0), request(client, 2))
    assert client.opened == 1, f"opened {client.opened} connections"
    print("one connection")


asyncio.run(main())
