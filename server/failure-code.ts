// What a client is told of a failure that is not its frame's fault. The storage refusing a write
// (a full disk, a read-only one, a database out of reach) is `unavailable`: the same frame sent
// again once storage works is stored, once. Anything else is `internal`, a bug, which sending
// again does not mend. Clients need the difference: a widget that gave up on `internal` after a
// few tries lost a message to a 1-second outage of the disk.
import type { ErrorCode } from '../protocol';
import { isStorageFailure } from './store/write-health';

export const failureCode = (error: unknown): Extract<ErrorCode, 'unavailable' | 'internal'> => (isStorageFailure(error) ? 'unavailable' : 'internal');
