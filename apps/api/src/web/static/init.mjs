// Progressive enhancement only: every page works without this script.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';

initAll();
import './evidence-digest.mjs';
import './table-reflow.mjs';
