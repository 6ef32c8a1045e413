"""TaskGroup failure: one child raises, its siblings are cancelled and the errors arrive together."""
import asyncio


async def fetch(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
        if fail:
            raise ValueError(f"{name}: bad response")
        print(f"{name} fetched")
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled by its group")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch("users", 0.1), name="users")
            group.create_task(fetch("orders", 0.3, fail=True), name="orders")
            group.create_task(fetch("invoices", 1.0), name="invoices")
            group.create_task(fetch("audit", 2.0), name="audit")
    except* ValueError as errors:
        for error in errors.exceptions:
            print("group failed:", error)


asyncio.run(main())
