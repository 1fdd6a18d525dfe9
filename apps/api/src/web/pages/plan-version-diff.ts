import type { PlannedAction, PlanVersion } from '@caretrail/domain';

export type ActionChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ComparedAction {
  change: ActionChange;
  action: PlannedAction;
  /** For a changed action: each field that differs, as it was. */
  was: { field: string; before: string }[];
}

export interface ComparedVersion {
  version: PlanVersion;
  /** The version this one is compared with, or null for the first. */
  against: number | null;
  actions: ComparedAction[];
  /** Actions of the earlier version that this one dropped. */
  removed: PlannedAction[];
  counts: Record<Exclude<ActionChange, 'unchanged'>, number>;
}

const FIELDS: { key: keyof PlannedAction; label: string }[] = [
  { key: 'description', label: 'Description' },
  { key: 'owner', label: 'Owner' },
  { key: 'dueOn', label: 'Due date' },
  { key: 'measure', label: 'Measure' },
];

/**
 * What changed between consecutive plan versions, matched by action id (as the domain carries actions
 * from version to version): actions added, removed, or changed field by field.
 */
export function compareVersions(versions: readonly PlanVersion[]): ComparedVersion[] {
  return versions.map((version, i) => {
    const earlier = i > 0 ? versions[i - 1] : null;
    const before = new Map((earlier?.actions ?? []).map((a) => [a.actionId, a]));
    const actions = version.actions.map((action): ComparedAction => {
      const previous = before.get(action.actionId);
      if (!earlier) return { change: 'unchanged', action, was: [] };
      if (!previous) return { change: 'added', action, was: [] };
      const was = FIELDS.filter((f) => previous[f.key] !== action[f.key]).map((f) => ({ field: f.label, before: String(previous[f.key]) }));
      return { change: was.length > 0 ? 'changed' : 'unchanged', action, was };
    });
    const kept = new Set(version.actions.map((a) => a.actionId));
    const removed = earlier ? earlier.actions.filter((a) => !kept.has(a.actionId)) : [];
    const count = (change: ActionChange) => actions.filter((a) => a.change === change).length;
    return {
      version,
      against: earlier?.version ?? null,
      actions,
      removed,
      counts: { added: count('added'), changed: count('changed'), removed: removed.length },
    };
  });
}
