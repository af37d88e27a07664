// Figma's theme for plugin UIs shown with themeColors: true — a "figma-light" or "figma-dark" class on <html>
// and the --figma-color-* tokens (values as Figma's UI3 light and dark themes use them).

export type Theme = 'light' | 'dark';

const TOKENS: Readonly<Record<Theme, Readonly<Record<string, string>>>> = {
  light: {
    bg: '#ffffff',
    'bg-secondary': '#f5f5f5',
    'bg-tertiary': '#e6e6e6',
    'bg-hover': '#f5f5f5',
    'bg-brand': '#0d99ff',
    'bg-brand-hover': '#0a8ee9',
    'bg-danger': '#f24822',
    'bg-disabled': '#d9d9d9',
    border: '#e6e6e6',
    'border-strong': '#2c2c2c',
    'border-selected': '#0d99ff',
    text: '#000000e5',
    'text-secondary': '#00000080',
    'text-tertiary': '#0000004d',
    'text-brand': '#007be5',
    'text-danger': '#dc3412',
    'text-warning': '#b86200',
    'text-success': '#009951',
    'text-onbrand': '#ffffff',
    'text-ondisabled': '#ffffffe5',
    icon: '#000000e5',
    'icon-secondary': '#00000080',
  },
  dark: {
    bg: '#2c2c2c',
    'bg-secondary': '#383838',
    'bg-tertiary': '#444444',
    'bg-hover': '#383838',
    'bg-brand': '#0c8ce9',
    'bg-brand-hover': '#0a7dd0',
    'bg-danger': '#e03e1a',
    'bg-disabled': '#757575',
    border: '#444444',
    'border-strong': '#ffffff',
    'border-selected': '#0c8ce9',
    text: '#ffffff',
    'text-secondary': '#ffffffb2',
    'text-tertiary': '#ffffff66',
    'text-brand': '#7cc4f8',
    'text-danger': '#fca397',
    'text-warning': '#f7d15f',
    'text-success': '#79d297',
    'text-onbrand': '#ffffff',
    'text-ondisabled': '#ffffff66',
    icon: '#ffffff',
    'icon-secondary': '#ffffffb2',
  },
};

/** The class Figma puts on the plugin document's <html>. */
export function themeClass(theme: Theme): string {
  return `figma-${theme}`;
}

/** The stylesheet defining the theme's tokens. */
export function themeCss(theme: Theme): string {
  const lines = Object.entries(TOKENS[theme]).map(([name, value]) => `  --figma-color-${name}: ${value};`);
  return `:root {\n${lines.join('\n')}\n}`;
}
