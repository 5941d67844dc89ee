// The model output: the finding (probability and decision against the model's own threshold) when the model applies
// to the study, else why it does not and no finding at all; who the model is; every applicability check.
import { el, number, vector } from './format.js';
import { renderApplicability } from './applicability.js';

export function renderFinding(container, result) {
  const prediction = result.prediction;
  if (!prediction) {
    const why = result.status === 'failed'
      ? 'No model output: processing failed (see the status above).'
      : result.status === 'completed'
        ? 'No model output for this study.'
        : 'The model runs once the images are processed.';
    container.replaceChildren(el('p', { id: 'no-prediction', class: 'muted' }, why));
    return;
  }

  const applicability = result.applicability;
  const applies = applicability ? applicability.applicable : typeof prediction.probability === 'number';
  container.replaceChildren(
    applies ? finding(prediction) : notApplicable(applicability, prediction),
    facts(prediction, applies),
    applicability ? renderApplicability(applicability) : null);
}

function finding(prediction) {
  const threshold = prediction.decisionThreshold;
  const positive = typeof prediction.positive === 'boolean' ? prediction.positive : prediction.probability >= threshold;
  return el('div', { class: 'probability-row' },
    el('p', { class: 'probability' },
      el('span', { id: 'probability', class: 'probability-value' }, `${(prediction.probability * 100).toFixed(1)} %`),
      el('span', { class: 'muted' }, ' probability of haemorrhage (model output)')),
    el('p', { id: 'decision', class: `decision ${positive ? 'decision-positive' : 'decision-negative'}` },
      positive ? 'Above the model’s threshold' : 'Below the model’s threshold',
      el('span', { class: 'muted' }, ` (${number(prediction.probability, 3)} ${positive ? '≥' : '<'} ${number(threshold, 2)})`)));
}

// No percentage, no decision: only why. The raw output stays in the result document for research and audit.
function notApplicable(applicability, prediction) {
  const failed = (applicability?.checks ?? []).filter((check) => !check.passed);
  return el('div', { id: 'not-applicable', class: 'not-applicable', role: 'status' },
    el('p', { class: 'not-applicable-title' }, 'The model does not apply to this study — no finding is given.'),
    el('ul', { id: 'not-applicable-reasons' }, failed.map((check) => el('li', {}, check.reason ?? check.name))),
    prediction.withheldOutput
      ? el('p', { class: 'muted' }, 'What the model computed is kept in the result document under prediction.withheldOutput, for research and audit only; it is not a finding.')
      : null);
}

function facts(prediction, applies) {
  const model = prediction.model ?? {};
  const peak = prediction.attention?.peak;
  const timings = prediction.timings;
  const ood = prediction.outOfDistribution;
  return el('dl', { class: 'facts' },
    el('dt', {}, 'Model'), el('dd', { id: 'model-identity' }, `${model.name ?? 'unknown'} ${model.version ?? ''}`.trim()),
    el('dt', {}, 'Intended use'), el('dd', { id: 'intended-use', class: 'intended-use' }, model.intendedUse ?? '—'),
    model.sha256 ? [el('dt', {}, 'Model SHA-256'), el('dd', { class: 'mono' }, model.sha256)] : null,
    applies ? [el('dt', {}, 'Logit'), el('dd', {}, number(prediction.logit, 3))] : null,
    ood ? [el('dt', {}, 'Out-of-distribution score'), el('dd', { id: 'ood-score' }, ood.score === null || ood.score === undefined
      ? (ood.note ?? 'not assessed')
      : `${number(ood.score, 1)} (threshold ${number(ood.threshold, 1)}, the ${number(ood.percentile, 0)}th percentile of its training data)`)] : null,
    peak ? [el('dt', {}, 'Attention peak'),
      el('dd', {}, `slice ${peak.slice}, column ${peak.column}, row ${peak.row}; patient ${vector(peak.patientMm, 1)} mm (LPS)`)] : null,
    timings ? [el('dt', {}, 'Timings'),
      el('dd', {}, `preprocessing ${number(timings.preprocessingMs, 1)} ms, inference ${number(timings.inferenceMs, 1)} ms, attention ${number(timings.attentionMs, 1)} ms`)] : null);
}
