/**
 * Reference data kept in the project: the PAMMS assessment's domains and standards, and CQC's quality
 * statements under its five key questions (docs/procedure.md says where each list comes from and how to
 * change it). Actions and visit findings are tagged with these; a tag is one of
 *   pamms:<domain>               e.g. pamms:safeguarding-and-safety
 *   pamms:<domain>/<standard>    e.g. pamms:safeguarding-and-safety/management-of-medicines
 *   cqc:<key-question>           e.g. cqc:safe
 *   cqc:<key-question>/<statement> e.g. cqc:safe/medicines-optimisation
 * Ids are stable once used (events keep them); names may be reworded. A list that grows is fine; an id
 * that goes away leaves old events with a tag no longer offered (they still read, and still filter).
 */
export interface ReferenceItem {
  id: string;
  name: string;
}

export interface ReferenceGroup extends ReferenceItem {
  items: readonly ReferenceItem[];
}

/** Bumped when the lists change, so a reader can say which lists a record was tagged against. */
export const QUALITY_REFERENCE_VERSION = '2026-12';

const item = (id: string, name: string): ReferenceItem => ({ id, name });

/**
 * PAMMS (Provider Assessment and Market Management Solutions, ADASS East) groups its assessment
 * questions into five domains of standards; these are the domains and standards its audit reports use.
 */
export const PAMMS_DOMAINS: readonly ReferenceGroup[] = [
  {
    id: 'involvement-and-information',
    name: 'Involvement and information',
    items: [item('respecting-and-involving-people', 'Respecting and involving people who use services'), item('consent', 'Consent to care and support')],
  },
  {
    id: 'personalised-care-and-support',
    name: 'Personalised care and support',
    items: [
      item('care-and-welfare', 'Care and welfare of people who use services'),
      item('meeting-nutritional-needs', 'Meeting nutritional and hydration needs'),
      item('cooperating-with-other-providers', 'Co-operating with other providers'),
    ],
  },
  {
    id: 'safeguarding-and-safety',
    name: 'Safeguarding and safety',
    items: [
      item('safeguarding-from-abuse', 'Safeguarding people who use services from abuse'),
      item('cleanliness-and-infection-control', 'Cleanliness and infection control'),
      item('management-of-medicines', 'Management of medicines'),
      item('safety-of-premises', 'Safety and suitability of premises'),
      item('safety-of-equipment', 'Safety, availability and suitability of equipment'),
    ],
  },
  {
    id: 'suitability-of-staffing',
    name: 'Suitability of staffing',
    items: [
      item('requirements-relating-to-workers', 'Requirements relating to workers (recruitment)'),
      item('staffing', 'Staffing'),
      item('supporting-workers', 'Supporting workers (training and supervision)'),
    ],
  },
  {
    id: 'quality-of-management',
    name: 'Quality of management',
    items: [
      item('assessing-and-monitoring-quality', 'Assessing and monitoring the quality of service provision'),
      item('complaints', 'Complaints'),
      item('records', 'Records'),
    ],
  },
];

/** CQC's single assessment framework: the quality statements under each of the five key questions. */
export const CQC_KEY_QUESTIONS: readonly ReferenceGroup[] = [
  {
    id: 'safe',
    name: 'Safe',
    items: [
      item('learning-culture', 'Learning culture'),
      item('safe-systems-pathways-and-transitions', 'Safe systems, pathways and transitions'),
      item('safeguarding', 'Safeguarding'),
      item('involving-people-to-manage-risks', 'Involving people to manage risks'),
      item('safe-environments', 'Safe environments'),
      item('safe-and-effective-staffing', 'Safe and effective staffing'),
      item('infection-prevention-and-control', 'Infection prevention and control'),
      item('medicines-optimisation', 'Medicines optimisation'),
    ],
  },
  {
    id: 'effective',
    name: 'Effective',
    items: [
      item('assessing-needs', 'Assessing needs'),
      item('delivering-evidence-based-care-and-treatment', 'Delivering evidence-based care and treatment'),
      item('how-staff-teams-and-services-work-together', 'How staff, teams and services work together'),
      item('supporting-people-to-live-healthier-lives', 'Supporting people to live healthier lives'),
      item('monitoring-and-improving-outcomes', 'Monitoring and improving outcomes'),
      item('consent-to-care-and-treatment', 'Consent to care and treatment'),
    ],
  },
  {
    id: 'caring',
    name: 'Caring',
    items: [
      item('kindness-compassion-and-dignity', 'Kindness, compassion and dignity'),
      item('treating-people-as-individuals', 'Treating people as individuals'),
      item('independence-choice-and-control', 'Independence, choice and control'),
      item('responding-to-immediate-needs', "Responding to people's immediate needs"),
      item('workforce-wellbeing-and-enablement', 'Workforce wellbeing and enablement'),
    ],
  },
  {
    id: 'responsive',
    name: 'Responsive',
    items: [
      item('person-centred-care', 'Person-centred care'),
      item('care-provision-integration-and-continuity', 'Care provision, integration and continuity'),
      item('providing-information', 'Providing information'),
      item('listening-to-and-involving-people', 'Listening to and involving people'),
      item('equity-in-access', 'Equity in access'),
      item('equity-in-experiences-and-outcomes', 'Equity in experiences and outcomes'),
      item('planning-for-the-future', 'Planning for the future'),
    ],
  },
  {
    id: 'well-led',
    name: 'Well-led',
    items: [
      item('shared-direction-and-culture', 'Shared direction and culture'),
      item('capable-compassionate-and-inclusive-leaders', 'Capable, compassionate and inclusive leaders'),
      item('freedom-to-speak-up', 'Freedom to speak up'),
      item('workforce-equality-diversity-and-inclusion', 'Workforce equality, diversity and inclusion'),
      item('governance-management-and-sustainability', 'Governance, management and sustainability'),
      item('partnerships-and-communities', 'Partnerships and communities'),
      item('learning-improvement-and-innovation', 'Learning, improvement and innovation'),
      item('environmental-sustainability', 'Environmental sustainability: sustainable development'),
    ],
  },
];

const FRAMEWORKS = { pamms: { name: 'PAMMS', groups: PAMMS_DOMAINS }, cqc: { name: 'CQC', groups: CQC_KEY_QUESTIONS } } as const;

/** Every tag the reference data offers, with its label ("PAMMS: Safeguarding and safety: Management of medicines"). */
export const QUALITY_TAGS: ReadonlyMap<string, string> = new Map(
  Object.entries(FRAMEWORKS).flatMap(([prefix, framework]) =>
    framework.groups.flatMap((group) => [
      [`${prefix}:${group.id}`, `${framework.name}: ${group.name}`] as const,
      ...group.items.map((i) => [`${prefix}:${group.id}/${i.id}`, `${framework.name}: ${group.name}: ${i.name}`] as const),
    ]),
  ),
);

/** Most tags one action or one visit's findings may carry. */
export const MAX_QUALITY_TAGS = 20;

export const qualityTagProblem = (value: unknown): string | null =>
  typeof value === 'string' && QUALITY_TAGS.has(value)
    ? null
    : 'must be a tag from the reference data: pamms:<domain>[/<standard>] or cqc:<key-question>[/<quality statement>] (docs/procedure.md)';

/** A list of tags: at most MAX_QUALITY_TAGS, each known, none twice. Answers the first problem, naming the item. */
export function qualityTagsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'must be a list of tags';
  if (value.length > MAX_QUALITY_TAGS) return `must have at most ${MAX_QUALITY_TAGS} tags`;
  for (const [index, tag] of value.entries()) {
    const problem = qualityTagProblem(tag);
    if (problem !== null) return `item ${index + 1} (${String(tag).slice(0, 100)}) ${problem}`;
    if (value.indexOf(tag) !== index) return `item ${index + 1} (${tag}) is listed twice`;
  }
  return null;
}

/** A tag matches a filter when it is the filter or lies under it (a standard under its domain). */
export const tagMatches = (tag: string, filter: string): boolean => tag === filter || tag.startsWith(`${filter}/`);
