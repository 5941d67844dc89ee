// The model's verdict in words: a study the model does not apply to gets the reason and never a percentage.
export function showVerdict(container, result) {
  const applicability = result?.applicability;
  const prediction = result?.prediction;
  if (!result) {
    container.textContent = 'No AI result for this study.';
    return;
  }
  if (!applicability || !prediction) {
    container.textContent = 'AI result not ready yet.';
    return;
  }
  if (!applicability.applicable) {
    container.dataset.verdict = 'not-applicable';
    container.textContent = `The AI model does not apply to this study: ${(applicability.summary ?? 'see the checks on the result page').replace(/\.$/, '')}.`;
    return;
  }
  const percent = typeof prediction.probability === 'number' ? ` (${Math.round(prediction.probability * 100)} %)` : '';
  container.dataset.verdict = prediction.positive ? 'positive' : 'negative';
  container.textContent = prediction.positive
    ? `AI: haemorrhage suspected${percent}. The view opens at the strongest attention.`
    : `AI: no haemorrhage found${percent}.`;
}
