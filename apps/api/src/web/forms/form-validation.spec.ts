import { SubmitActionPlanDto } from '../../resources/action-plans/action-plans.dto';
import { RaiseConcernDto } from '../../resources/concerns/concerns.dto';
import { dateFromParts, partsFromDate } from './date-parts';
import { anchorOf, fieldParams } from './form-fields';
import { labelFor, validateWithDto } from './form-validation';

describe('form validation with the API DTOs', () => {
  it('says each problem as GOV.UK error messages do', async () => {
    const labels = {
      serviceId: 'the service',
      contractId: 'the contract',
      category: 'the category',
      severity: 'the severity',
      source: 'the source',
      summary: 'what you found',
    };
    const { errors } = await validateWithDto(RaiseConcernDto, { category: 'nonsense', summary: 'x'.repeat(5001) }, labels);
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath).toMatchObject({
      serviceId: 'Select the service',
      category: 'Select the category',
      severity: 'Select the severity',
      summary: 'What you found must be 5000 characters or fewer',
    });
  });

  it('names rows by number and sends date errors to the day box', async () => {
    const labels = {
      summary: 'a summary',
      version: 'the version',
      actions: 'action',
      'actions.*.description': 'what action {n} will do',
      'actions.*.owner': 'who owns action {n}',
      'actions.*.dueOn': 'the due date of action {n}',
      'actions.*.measure': 'the measure of action {n}',
    };
    const plain = {
      version: 2,
      summary: 'Plan',
      actions: [
        { description: 'Audit', owner: 'RM', dueOn: '2025-02-31', measure: 'Done' },
        { description: '', owner: 'RM', dueOn: '', measure: 'Done' },
      ],
    };
    const { errors } = await validateWithDto(SubmitActionPlanDto, plain, labels, ['actions.*.dueOn']);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'actions.0.dueOn', message: 'The due date of action 1 must be a real date' },
        { path: 'actions.1.description', message: 'Enter what action 2 will do' },
        { path: 'actions.1.dueOn', message: 'Enter the due date of action 2' },
      ]),
    );
    expect(anchorOf('actions.1.dueOn', ['actions.*.dueOn'])).toBe('#actions-1-dueOn-day');
    expect(labelFor(labels, 'actions.3.owner')).toBe('who owns action 4');
  });

  it('says a date outside the accepted years as such, and a week date or a 30 February as not a real date', async () => {
    const labels = { summary: 'a summary', version: 'the version', actions: 'action', 'actions.*.dueOn': 'the due date of action {n}' };
    const action = (dueOn: string) => ({ description: 'Audit', owner: 'RM', dueOn, measure: 'Done' });
    const plain = { version: 2, summary: 'Plan', actions: [action('9999-12-31'), action('2025-W05-03'), action('2025-02-30')] };
    const { errors } = await validateWithDto(SubmitActionPlanDto, plain, labels, ['actions.*.dueOn']);
    expect(errors).toEqual([
      { path: 'actions.0.dueOn', message: 'The due date of action 1 must be a date between 1900 and 2999' },
      { path: 'actions.1.dueOn', message: 'The due date of action 2 must be a real date' },
      { path: 'actions.2.dueOn', message: 'The due date of action 3 must be a real date' },
    ]);
  });

  it('gives components the id, name and value of nested fields', () => {
    const params = fieldParams({ values: { actions: [{ owner: 'RM' }] }, fieldErrors: { 'actions.0.owner': 'Enter who owns action 1' } }, 'actions.0.owner');
    expect(params).toMatchObject({ id: 'actions-0-owner', name: 'actions[0][owner]', value: 'RM', errorMessage: { text: 'Enter who owns action 1' } });
  });

  it('joins and splits the three boxes of a date', () => {
    expect(dateFromParts({ 'd-day': '5', 'd-month': '3', 'd-year': '2025' }, 'd')).toBe('2025-03-05');
    expect(dateFromParts({}, 'd')).toBe('');
    expect(partsFromDate('d', '2025-03-05')).toEqual({ 'd-day': '5', 'd-month': '3', 'd-year': '2025' });
  });
});
