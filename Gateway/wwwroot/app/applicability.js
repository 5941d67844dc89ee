// Every applicability check of the study against the model's manifest: what was found, what the model expects, why.
import { el } from './format.js';

export function renderApplicability(applicability) {
  const checks = applicability.checks ?? [];
  const failed = checks.filter((check) => !check.passed).length;
  return el('details', { id: 'applicability', class: 'applicability', open: failed > 0 },
    el('summary', {}, failed > 0
      ? `Applicability: ${failed} of ${checks.length} checks failed`
      : `Applicability: all ${checks.length} checks passed`),
    el('table', { class: 'applicability-checks' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Check'), el('th', { scope: 'col' }, 'Result'),
        el('th', { scope: 'col' }, 'Found'), el('th', { scope: 'col' }, 'Expected'), el('th', { scope: 'col' }, 'Note'))),
      el('tbody', {}, checks.map((check) => el('tr', { 'data-check': check.name, class: check.passed ? 'check-passed' : 'check-failed' },
        el('th', { scope: 'row' }, check.name),
        el('td', {}, check.passed ? 'passed' : 'failed'),
        el('td', {}, check.value ?? '—'),
        el('td', {}, check.expected),
        el('td', {}, check.reason ?? ''))))));
}
