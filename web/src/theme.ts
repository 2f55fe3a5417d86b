import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Patron's theme, tuned for WCAG AA contrast (4.5:1) in every module:
 * - filled and outline colours use shade 9 (white on teal 8 or green 8 is below 4.5:1);
 * - autoContrast with a luminance threshold of 0.179 picks black or white text on any filled
 *   colour: white passes 4.5:1 exactly when the background's luminance is ≤ 0.183, black when it is
 *   ≥ 0.175, so the switch point always passes;
 * - secondary ("dimmed") text is gray 7, not gray 6;
 * - field errors are red 9 (Mantine's red 6 is 3.3:1 on white).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 9, dark: 8 },
  autoContrast: true,
  // Dialogs and menus appear without a fade for people who ask for less motion (and axe checks settled colours).
  respectReducedMotion: true,
  luminanceThreshold: 0.179,
  focusRing: 'auto',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Devanagari", "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Devanagari", "Helvetica Neue", Arial, sans-serif' },
  components: {
    Anchor: { defaultProps: { c: 'blue.8' } },
    // Light alerts: the colour is in the icon and background; text stays dark for AA contrast.
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' }, message: { color: 'var(--mantine-color-text)' } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
