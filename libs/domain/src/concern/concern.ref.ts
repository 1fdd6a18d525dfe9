import type { RefRequest } from '../shared/command-spec';
import { concernStream } from '../shared/stream-names';
import { concernDecider } from './concern.decider';
import type { ConcernState } from './concern.state';

/** Loads a concern for another record's decision. */
export const concernRef = (concernId: string): RefRequest<ConcernState> => ({
  stream: concernStream(concernId),
  decider: concernDecider,
  recordType: 'concern',
  recordId: concernId,
});
