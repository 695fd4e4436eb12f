/**
 * taskpane/theme.ts: Office's theme in the pane (issue 18, Build 9). WCAG's contrast formula against values WCAG
 * and common practice state (white on black 21:1; #767676 the lightest grey with 4.5:1 on white, #777777 just
 * under), and what applyOfficeTheme does with the theme Office.js gives: the dark or light palette by Office's
 * isDarkTheme, Office's body colours only where the pane's text stays readable on them, nothing without Office.
 */
import { applyOfficeTheme, contrast, parseColour } from '../taskpane/theme';

/** A stand-in for <html>: its classes and the custom properties set on it. */
function fakeRoot() {
  const classes = new Set<string>();
  const props = new Map<string, string>();
  const root = {
    classList: { toggle: (c: string, on: boolean) => (on ? classes.add(c) : classes.delete(c), on) },
    style: { setProperty: (k: string, v: string) => props.set(k, v) },
  };
  return { root: root as unknown as HTMLElement, classes, props };
}

const g = globalThis as unknown as { Office?: unknown };

afterEach(() => {
  delete g.Office;
});

function office(theme: Record<string, unknown> | undefined) {
  g.Office = { context: { officeTheme: theme } };
}

test('WCAG contrast: 21:1 white on black, #767676 passes 4.5:1 on white and #777777 does not', () => {
  expect(contrast(parseColour('#ffffff')!, parseColour('#000000')!)).toBeCloseTo(21, 6);
  expect(contrast(parseColour('#767676')!, parseColour('#fff')!)).toBeGreaterThanOrEqual(4.5);
  expect(contrast(parseColour('777777')!, parseColour('#FFFFFF')!)).toBeLessThan(4.5);
  expect(parseColour('not a colour')).toBeNull();
});

test('no Office.js, or Office without a theme: nothing is applied (prefers-color-scheme decides in CSS)', () => {
  const a = fakeRoot();
  expect(applyOfficeTheme(a.root)).toBe(false);
  office(undefined);
  expect(applyOfficeTheme(a.root)).toBe(false);
  expect([...a.classes, ...a.props.keys()]).toEqual([]);
});

test("Office's dark theme: the dark palette on Office's own body colours", () => {
  const a = fakeRoot();
  office({ bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF', isDarkTheme: true });
  expect(applyOfficeTheme(a.root)).toBe(true);
  expect([...a.classes]).toEqual(['office-dark']);
  expect(Object.fromEntries(a.props)).toEqual({ '--bg': 'rgb(38, 38, 38)', '--fg': 'rgb(255, 255, 255)' });
});

test("Office's light theme on a dark system: the light palette (CSS leaves prefers-color-scheme out)", () => {
  const a = fakeRoot();
  office({ bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#262626', isDarkTheme: false });
  applyOfficeTheme(a.root);
  expect([...a.classes]).toEqual(['office-light']);
  expect(a.props.get('--bg')).toBe('rgb(255, 255, 255)');
});

test("a mid-grey body Office's palette text would be faint on keeps the pane's own background; no isDarkTheme: judged by luminance", () => {
  const a = fakeRoot();
  // #6d6d6d: white text is readable on it (5.2:1) but the dark palette's muted #c8c6c4 (3.0:1) and accent #8ab4f8 (2.5:1) are not.
  expect(contrast(parseColour('#c8c6c4')!, parseColour('#6d6d6d')!)).toBeLessThan(4.5);
  office({ bodyBackgroundColor: '#6d6d6d', bodyForegroundColor: '#ffffff' });
  applyOfficeTheme(a.root);
  expect([...a.classes]).toEqual(['office-dark']);
  expect(a.props.size).toBe(0);
});
