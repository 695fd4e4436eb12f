/* global Office */
/**
 * Office's theme in the pane. Where Office.js gives its theme (Office.context.officeTheme: Excel on Windows, Mac
 * and the web), the pane takes Office's body colours and its light or dark palette from it: <html> gets
 * .office-dark or .office-light (taskpane.css) and --bg/--fg become Office's body background and text. Elsewhere
 * (a browser, or an Office without the theme) prefers-color-scheme decides, in CSS alone.
 *
 * Office's colours are taken only where they keep text readable: the body text on the body background at least
 * 4.5:1, and the pane's own muted text and accent still 4.5:1 on that background; otherwise the palette's own
 * background stays. Custom properties are set through the CSSOM (style.setProperty), which the pane's
 * Content-Security-Policy (style-src 'self') allows; no style attribute is written.
 */

/** "#1f1f1f" or "1f1f1f" (Office gives both forms) as [r, g, b], or null. */
export function parseColour(c: string | undefined | null): [number, number, number] | null {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec((c ?? '').trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((x) => x + x).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: readonly number[], b: readonly number[]): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

interface Theme {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  isDarkTheme?: boolean;
}

/** The palette's colours that must stay readable on Office's background (taskpane.css's values). */
const KEEP = {
  dark: ['#c8c6c4', '#8ab4f8'],
  light: ['#605e5c', '#1f4e9a'],
};

/** Applies Office's theme when Office.js gives one; returns whether it did. */
export function applyOfficeTheme(root: HTMLElement = document.documentElement): boolean {
  let theme: Theme | undefined;
  try {
    theme = typeof Office !== 'undefined' ? (Office.context?.officeTheme as Theme | undefined) : undefined;
  } catch {
    theme = undefined;
  }
  const bg = parseColour(theme?.bodyBackgroundColor);
  if (!theme || !bg) return false;
  const dark = typeof theme.isDarkTheme === 'boolean' ? theme.isDarkTheme : luminance(bg) < 0.2;
  root.classList.toggle('office-dark', dark);
  root.classList.toggle('office-light', !dark);
  const fg = parseColour(theme.bodyForegroundColor);
  const readable = fg && contrast(fg, bg) >= 4.5 && KEEP[dark ? 'dark' : 'light'].every((c) => contrast(parseColour(c)!, bg) >= 4.5);
  if (readable) {
    root.style.setProperty('--bg', `rgb(${bg.join(', ')})`);
    root.style.setProperty('--fg', `rgb(${fg.join(', ')})`);
  }
  return true;
}
