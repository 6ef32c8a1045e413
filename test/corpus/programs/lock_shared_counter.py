"""A read-modify-write across an await loses updates without a Lock and keeps them all with one."""
import asyncio


class Account:
    def __init__(self):
        self.balance = 0
        self.lock = asyncio.Lock()

    async def deposit_unsafe(self, amount):
        current = self.balance
        await asyncio.sleep(0.01)
        self.balance = current + amount

    async def deposit_safe(self, amount):
        async with self.lock:
            current = self.balance
            await asyncio.sleep(0.01)
            self.balance = current + amount


async def main():
    account = Account()
    await asyncio.gather(*(account.deposit_unsafe(10) for _ in range(5)))
    print("without the lock:", account.balance)
    account = Account()
    await asyncio.gather(*(account.deposit_safe(10) for _ in range(5)))
    print("with the lock:", account.balance, "locked after:", account.lock.locked())


asyncio.run(main())
