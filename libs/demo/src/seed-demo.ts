import type { CommandExecutor } from '@caretrail/application';
import { v7 as uuidv7 } from 'uuid';
import { demoIdentityByToken } from './demo-identities';
import { demoStory } from './demo-story';

/** The recording clock the demo writes with, so each entry is recorded when the story says it was. */
export interface RecordingClock {
  set(instant: Date): void;
}

/** A clock a store can read from (`() => Date`) that the seed moves along the story. */
export function storyClock(): RecordingClock & { now: () => Date } {
  let current: Date | null = null;
  return {
    set: (instant) => (current = instant),
    now: () => current ?? new Date(),
  };
}

const MINUTE = 60_000;

/** Records the demo story through the same command path as every user, as the story's people. */
export async function seedDemo(executor: CommandExecutor, clock?: RecordingClock): Promise<{ commands: number; events: number; position: number }> {
  let events = 0;
  let position = 0;
  const steps = demoStory();
  for (const step of steps) {
    const identity = demoIdentityByToken(step.as);
    if (!identity) throw new Error(`Unknown demo identity ${step.as}`);
    clock?.set(new Date(step.recordedAt ?? Date.parse(step.command.occurredAt) + 5 * MINUTE));
    const commandId = uuidv7();
    const result = await executor.execute(step.command, {
      actor: { userId: identity.userId, organisationId: identity.organisationId, organisationKind: identity.organisationKind, role: identity.role },
      commandId,
      correlationId: commandId,
      causationId: null,
    });
    events += result.events.length;
    position = Math.max(position, result.position);
  }
  return { commands: steps.length, events, position };
}
