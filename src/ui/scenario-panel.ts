/**
 * The scenario panel: the gallery, opening a file (picker or drop), and the loaded scenario's
 * narrative step by step: its comments above each command, "Run step" and "Run all". A file
 * that cannot be read shows its line and reason here, and the world stays as it was.
 */
import { h } from './dom.ts';
import { GALLERY, textOf } from './scenarios.ts';
import type { ScenarioState } from './store.ts';

export interface ScenarioPanel {
  render(scenario: ScenarioState | null, error: string | null, busy: boolean): void;
}

export interface ScenarioPanelOptions {
  readonly onOpen: (name: string, text: string) => void;
  readonly onRunStep: () => void;
  readonly onRunAll: () => void;
  readonly onShare: () => void;
  readonly onExport: () => void;
}

export function createScenarioPanel(container: HTMLElement, options: ScenarioPanelOptions): ScenarioPanel {
  const gallery = h(
    'select',
    { 'aria-label': 'Scenario gallery', 'data-testid': 'gallery' },
    h('option', { value: '' }, 'Open a scenario…'),
    ...(['lessons', 'conformance'] as const).map((group) =>
      h(
        'optgroup',
        { label: group === 'lessons' ? 'Lessons (scenarios/)' : 'Conformance scripts (test/conformance/)' },
        ...GALLERY.filter((f) => f.group === group).map((f) => h('option', { value: f.path, title: f.title }, f.title === f.name ? f.name : `${f.name}: ${f.title}`)),
      ),
    ),
  );
  gallery.addEventListener('change', () => {
    const file = GALLERY.find((f) => f.path === gallery.value);
    gallery.value = '';
    if (file) void textOf(file).then((text) => options.onOpen(file.path, text));
  });
  const picker = h('input', { type: 'file', accept: '.sh,text/plain', class: 'visually-hidden', 'data-testid': 'file-input', 'aria-label': 'Open a scenario file from disk' });
  picker.addEventListener('change', async () => {
    const file = picker.files?.[0];
    picker.value = '';
    if (file) options.onOpen(file.name, await file.text());
  });
  const openButton = h('button', { type: 'button', title: 'Open a .sh scenario from disk (or drop it on the page)' }, 'Open file…');
  openButton.addEventListener('click', () => picker.click());
  const shareButton = h('button', { type: 'button', title: 'Copy a link that carries this scenario in the URL', 'data-testid': 'share' }, 'Share link');
  shareButton.addEventListener('click', options.onShare);
  const exportButton = h('button', { type: 'button', title: 'Download the world (every command run) as a scenario file', 'data-testid': 'export' }, 'Export world');
  exportButton.addEventListener('click', options.onExport);

  const error = h('div', { class: 'scenario-error', role: 'alert', 'data-testid': 'scenario-error', hidden: true });
  const title = h('h2', { class: 'scenario-title', 'data-testid': 'scenario-title' });
  const intro = h('div', { class: 'scenario-intro' });
  const steps = h('ol', { class: 'scenario-steps', 'data-testid': 'scenario-steps' });
  const runStep = h('button', { type: 'button', class: 'primary', 'data-testid': 'run-step', title: 'Run the next command of the scenario' }, 'Run step');
  const runAll = h('button', { type: 'button', 'data-testid': 'run-all', title: 'Run every remaining command' }, 'Run all');
  const progress = h('span', { class: 'scenario-progress', 'data-testid': 'scenario-progress' });
  runStep.addEventListener('click', options.onRunStep);
  runAll.addEventListener('click', options.onRunAll);

  container.append(
    h('div', { class: 'scenario-open' }, gallery, h('div', { class: 'button-row' }, openButton, shareButton, exportButton), picker),
    error,
    title,
    intro,
    h('div', { class: 'scenario-controls' }, runStep, runAll, progress),
    steps,
  );

  // Drop a file anywhere on the page.
  window.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) {
      event.preventDefault();
      document.body.classList.add('dropping');
    }
  });
  window.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
  window.addEventListener('drop', async (event) => {
    document.body.classList.remove('dropping');
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    options.onOpen(file.name, await file.text());
  });

  let shown: ScenarioState | null = null;
  return {
    render(scenario, message, busy) {
      error.hidden = message === null;
      error.textContent = message ?? '';
      const done = !scenario || scenario.next >= scenario.narrative.steps.length;
      runStep.disabled = busy || done;
      runAll.disabled = busy || done;
      progress.textContent = scenario ? `${Math.min(scenario.next, scenario.narrative.steps.length)} / ${scenario.narrative.steps.length} run` : '';
      if (scenario !== shown && (scenario?.text !== shown?.text || scenario?.name !== shown?.name)) {
        title.textContent = scenario ? scenario.name : 'No scenario loaded';
        intro.replaceChildren(...(scenario?.narrative.intro ?? ['Pick a lesson above, open a .sh file, or type commands in the terminal.']).map((l) => h('p', {}, l)));
        steps.replaceChildren(
          ...(scenario?.narrative.steps ?? []).map((step, i) =>
            h(
              'li',
              { class: 'scenario-step', 'data-step': i },
              ...step.notes.map((n) => h('p', { class: 'step-note' }, n)),
              h('code', { class: 'step-command' }, h('span', { class: 'step-line' }, `${step.line}`), step.command),
            ),
          ),
        );
      }
      shown = scenario;
      for (const li of steps.querySelectorAll<HTMLElement>('li.scenario-step')) {
        const i = Number(li.dataset.step);
        li.classList.toggle('done', scenario !== null && i < scenario.next);
        li.classList.toggle('next', scenario !== null && i === scenario.next);
      }
      steps.querySelector('li.next')?.scrollIntoView({ block: 'nearest' });
    },
  };
}
