/** Light and dark themes: the page's CSS variables switch on `data-theme`, the graph restyles itself. */
export type Theme = 'dark' | 'light';

const KEY = 'netsim.theme';

export function initialTheme(storage: Pick<Storage, 'getItem'> = window.localStorage): Theme {
  const stored = storage.getItem(KEY);
  if (stored === 'dark' || stored === 'light') return stored;
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export function applyTheme(theme: Theme, storage: Pick<Storage, 'setItem'> = window.localStorage): void {
  document.documentElement.dataset.theme = theme;
  try {
    storage.setItem(KEY, theme);
  } catch {
    // not remembered, still applied
  }
}
