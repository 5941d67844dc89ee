// The model output: probability, the decision against the model's own threshold, and who the model is.
import { el, number, vector } from './format.js';

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

  const threshold = prediction.decisionThreshold;
  const positive = typeof prediction.positive === 'boolean' ? prediction.positive : prediction.probability >= threshold;
  const model = prediction.model ?? {};
  const peak = prediction.attention?.peak;
  const timings = prediction.timings;
  container.replaceChildren(
    el('div', { class: 'probability-row' },
      el('p', { class: 'probability' },
        el('span', { id: 'probability', class: 'probability-value' }, `${(prediction.probability * 100).toFixed(1)} %`),
        el('span', { class: 'muted' }, ' probability of haemorrhage (model output)')),
      el('p', { id: 'decision', class: `decision ${positive ? 'decision-positive' : 'decision-negative'}` },
        positive ? 'Above the model’s threshold' : 'Below the model’s threshold',
        el('span', { class: 'muted' }, ` (${number(prediction.probability, 3)} ${positive ? '≥' : '<'} ${number(threshold, 2)})`))),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Model'), el('dd', { id: 'model-identity' }, `${model.name ?? 'unknown'} ${model.version ?? ''}`.trim()),
      el('dt', {}, 'Intended use'), el('dd', { id: 'intended-use', class: 'intended-use' }, model.intendedUse ?? '—'),
      model.sha256 ? [el('dt', {}, 'Model SHA-256'), el('dd', { class: 'mono' }, model.sha256)] : null,
      el('dt', {}, 'Logit'), el('dd', {}, number(prediction.logit, 3)),
      peak ? [el('dt', {}, 'Attention peak'),
        el('dd', {}, `slice ${peak.slice}, column ${peak.column}, row ${peak.row}; patient ${vector(peak.patientMm, 1)} mm (LPS)`)] : null,
      timings ? [el('dt', {}, 'Timings'),
        el('dd', {}, `preprocessing ${number(timings.preprocessingMs, 1)} ms, inference ${number(timings.inferenceMs, 1)} ms, attention ${number(timings.attentionMs, 1)} ms`)] : null));
}
