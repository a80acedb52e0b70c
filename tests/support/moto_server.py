"""moto_server as the tests start it: moto's own server, with DynamoDB writes isolated.

DynamoDB applies the writes to one item one at a time, and a transaction all or nothing.
moto 5 does neither under its threaded server: an update is read-modify-write without a
lock, and a cancelled TransactWriteItems restores a copy of the whole table taken when it
began, undoing what other requests wrote meanwhile. The worker counts its tasks on the
scan item with concurrent transactions and cancels redelivered ones by design, so under
load moto lost counts and left scans running that DynamoDB would have finished. One lock
around moto's DynamoDB operations gives them DynamoDB's isolation; nothing else changes.
"""

import sys
import threading

from moto.dynamodb.models import DynamoDBBackend
from moto.server import main

_ONE_AT_A_TIME = threading.RLock()


def _isolated(operation):
    def run(self, *args, **kwargs):
        with _ONE_AT_A_TIME:
            return operation(self, *args, **kwargs)

    return run


for _name in ("put_item", "get_item", "query", "scan", "update_item", "delete_item",
              "transact_write_items", "transact_get_items", "batch_get_item"):
    setattr(DynamoDBBackend, _name, _isolated(getattr(DynamoDBBackend, _name)))

if __name__ == "__main__":
    sys.exit(main())
