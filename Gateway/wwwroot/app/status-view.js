// The job's progress as steps: queued → processing → completed, or failed with its reason in words (the processor's
// own text one click away).
import { failureMessage, technicalDetail } from './messages.js';

const order = ['queued', 'processing', 'done'];

export function renderStatus(result) {
  const steps = document.getElementById('status-steps');
  const text = document.getElementById('status-text');
  const reached = result.status === 'completed' || result.status === 'failed' ? 2 : order.indexOf(result.status);
  steps.dataset.status = result.status;
  for (const step of steps.children) {
    const at = order.indexOf(step.dataset.step);
    step.classList.toggle('reached', at <= reached);
    step.classList.toggle('failed', result.status === 'failed' && at === 2);
    if (at === reached) step.setAttribute('aria-current', 'step');
    else step.removeAttribute('aria-current');
    if (step.dataset.step === 'done') step.textContent = result.status === 'failed' ? 'Failed' : 'Completed';
  }
  const attempts = result.attempts > 1 ? ` (attempt ${result.attempts})` : '';
  text.textContent = {
    queued: 'Queued: waiting for a worker.',
    processing: `Processing${attempts}: reading the series, building the volume, running the model.`,
    completed: `Completed${result.completedAt ? ` at ${new Date(result.completedAt).toLocaleString()}` : ''}.`,
    failed: `Failed. ${failureMessage(result.failureReason)}`,
  }[result.status] ?? `Status: ${result.status}`;
  text.dataset.status = result.status;
  if (result.status === 'failed') text.append(technicalDetail(null, `Reason recorded by the processor: ${result.failureReason ?? '(none)'}`));
}
