import { CORRECTABLE_FIELDS } from '@caretrail/domain';
import { getMetadataStorage } from 'class-validator';
import { correctionChangeErrors, ORIGINAL_REQUEST } from './correction-changes';

/** Every field the domain lets a correction change is validated by the request that recorded such entries. */
describe('correction changes: the original request per entry type', () => {
  it.each(Object.keys(CORRECTABLE_FIELDS))('%s has its request, and the request validates each correctable field', (type) => {
    const request = ORIGINAL_REQUEST[type];
    expect(request).toBeDefined();
    const validated = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(request, '', true, false)
        .map((m) => m.propertyName),
    );
    expect(Object.keys(CORRECTABLE_FIELDS[type]).filter((f) => !validated.has(f))).toEqual([]);
  });

  it('names each bad field, with the request rule and the domain shape', async () => {
    const errors = await correctionChangeErrors(
      { type: 'PlanUpdateSubmitted', data: {} },
      { periodEnding: '2025-02-30', summary: 'ok', planVersion: 2 },
      () => undefined,
    );
    expect(errors.map((e) => e.field)).toEqual(['changes.periodEnding', 'changes.planVersion']);
    expect(errors[0].messages.join(' ')).toMatch(/2025-02-30 does not exist/);
  });

  it('checks a null where the request would let it pass but the entry holds text', async () => {
    const errors = await correctionChangeErrors({ type: 'ConcernAcknowledged', data: {} }, { note: null }, () => undefined);
    expect(errors).toEqual([{ field: 'changes.note', messages: ['note must be text'] }]);
  });
});
