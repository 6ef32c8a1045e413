# A TaskGroup teardown race: the program expects the validator's ValueError and handles it;
# in the default order the group cancels the indexer before it fails too. If the indexer gets
# to fail first, its KeyError escapes the handler in the ExceptionGroup.
import asyncio


async def validator():
    await asyncio.sleep(0)
    raise ValueError("invalid record")


async def indexer():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    raise KeyError("missing index")


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(validator())
            group.create_task(indexer())
    except* ValueError:
        print("invalid input handled")


asyncio.run(main())
