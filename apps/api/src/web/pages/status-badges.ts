/** MOJ Badge params for each status a page shows; the words carry the meaning, the colour only helps. */
export interface Badge {
  text: string;
  classes: string;
}

const badge = (text: string, colour: string): Badge => ({ text, classes: colour ? `moj-badge--${colour}` : '' });

const CONCERN: Record<string, Badge> = {
  raised: badge('Raised', 'blue'),
  notified: badge('Notified', 'blue'),
  acknowledged: badge('Acknowledged', 'purple'),
  closed: badge('Closed', 'grey'),
};

const ACTION: Record<string, Badge> = {
  open: badge('Open', 'grey'),
  in_progress: badge('In progress', 'blue'),
  completion_claimed: badge('Completion claimed', 'purple'),
  verified: badge('Verified', 'green'),
};

const VERSION: Record<string, Badge> = {
  submitted: badge('Awaiting review', 'blue'),
  returned: badge('Returned', 'red'),
  accepted: badge('Accepted', 'green'),
  superseded: badge('Superseded', 'grey'),
};

const SEVERITY: Record<string, Badge> = { red: badge('Red', 'red'), amber: badge('Amber', 'black'), green: badge('Green', 'green') };

export const LEVEL_NAMES = ['Routine', 'Enhanced monitoring', 'Placements suspended', 'Contract default or regulator referral'];

export const concernBadge = (status: string | null): Badge => CONCERN[status ?? ''] ?? badge(status ?? 'Unknown', 'grey');
export const actionBadge = (status: string): Badge => ACTION[status] ?? badge(status, 'grey');
export const versionBadge = (status: string): Badge => VERSION[status] ?? badge(status, 'grey');
export const severityBadge = (severity: string | null): Badge => SEVERITY[severity ?? ''] ?? badge(severity ?? 'Unknown', 'grey');
export const levelBadge = (level: number): Badge => badge(`Level ${level}: ${LEVEL_NAMES[level] ?? ''}`, level === 0 ? 'grey' : 'red');
