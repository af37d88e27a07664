// The plugin iframe's document as Figma serves it: the plugin's HTML with, at the start of <head>, the manifest's
// networkAccess as a Content-Security-Policy, a small host agent (it reports CSP violations and applies theme
// changes, with messages that are not pluginMessages), Figma's theme tokens, and — playground only — a script
// run before the UI's own.
import { themeClass, themeCss } from './theme';
import type { Theme } from './theme';

/** The key of the host's own messages to and from the iframe; pluginMessage stays the plugin's. */
export const HOST_MESSAGE_KEY = 'figmaHost';
const THEME_STYLE_ID = 'figma-host-theme';

export interface NetworkAccess {
  readonly allowedDomains: readonly string[];
  readonly devAllowedDomains: readonly string[];
}

/** Unrestricted, as Figma treats a manifest without networkAccess. */
const UNRESTRICTED: NetworkAccess = { allowedDomains: ['*'], devAllowedDomains: [] };
const DOMAIN = /^[^\s;,'"]+$/;

function domainList(value: unknown, field: string): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`manifest.json: networkAccess.${field} must be a list of domains`);
  for (const domain of value) {
    if (typeof domain !== 'string' || !DOMAIN.test(domain)) {
      throw new Error(`manifest.json: networkAccess.${field} has an entry that is not a domain: ${JSON.stringify(domain)}`);
    }
  }
  return value as string[];
}

/** The manifest's networkAccess, checked. Figma allows devAllowedDomains for development plugins, so the host does. */
export function readNetworkAccess(value: unknown): NetworkAccess {
  if (value === undefined) return UNRESTRICTED;
  if (typeof value !== 'object' || value === null) throw new Error('manifest.json: networkAccess must be an object');
  const { allowedDomains, devAllowedDomains } = value as Record<string, unknown>;
  if (allowedDomains === undefined) throw new Error('manifest.json: networkAccess needs allowedDomains');
  return {
    allowedDomains: domainList(allowedDomains, 'allowedDomains'),
    devAllowedDomains: domainList(devAllowedDomains, 'devAllowedDomains'),
  };
}

/** The policy the iframe runs under: inline code only, data:/blob: images, and the manifest's domains to connect to. */
export function contentSecurityPolicy(access: NetworkAccess): string {
  const domains = [...access.allowedDomains, ...access.devAllowedDomains].filter((domain) => domain !== 'none');
  // A domain without a scheme would match nothing from a srcdoc document; Figma's own documents are https.
  const sources = domains.map((domain) => (domain === '*' || domain.includes('://') ? domain : `https://${domain}`));
  const connect = sources.includes('*') ? '*' : sources.length === 0 ? "'none'" : sources.join(' ');
  return [
    "default-src 'none'",
    "script-src 'unsafe-inline'",
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    `connect-src ${connect}`,
  ].join('; ');
}

function agentScript(themed: boolean): string {
  const report = `document.addEventListener('securitypolicyviolation', (event) => {
    parent.postMessage({ ${HOST_MESSAGE_KEY}: { kind: 'csp-violation', blockedURI: event.blockedURI, directive: event.effectiveDirective } }, '*');
  });`;
  const theme = `window.addEventListener('message', (event) => {
    const message = event.source === parent && event.data ? event.data.${HOST_MESSAGE_KEY} : null;
    if (!message || message.kind !== 'theme') return;
    document.documentElement.classList.remove('figma-light', 'figma-dark');
    document.documentElement.classList.add(message.className);
    document.getElementById('${THEME_STYLE_ID}').textContent = message.css;
  });`;
  return `(() => {\n  ${report}\n  ${themed ? theme : ''}\n})();`;
}

function inlineScript(source: string): string {
  // "</script" inside the source would end the element early.
  return `<script>${source.replace(/<\/script/gi, '<\\/script')}</script>`;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export interface SrcdocOptions {
  readonly csp: string;
  /** The editor theme when showUI asked for themeColors, else null. */
  readonly theme: Theme | null;
  readonly scriptBeforeUi: string | null;
}

/** Adds the theme class to the <html> tag, or a tag with it when the document has none. */
function withThemeClass(html: string, theme: Theme): string {
  const tag = /<html\b([^>]*)>/i.exec(html);
  if (!tag) {
    const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? '';
    return `${doctype}<html class="${themeClass(theme)}">${html.slice(doctype.length)}`;
  }
  const attributes = tag[1] ?? '';
  const classAttribute = /\bclass\s*=\s*(["'])(.*?)\1/i.exec(attributes);
  const updated = classAttribute
    ? attributes.replace(classAttribute[0], `class="${classAttribute[2]} ${themeClass(theme)}"`)
    : `${attributes} class="${themeClass(theme)}"`;
  return html.slice(0, tag.index) + `<html${updated}>` + html.slice(tag.index + tag[0].length);
}

/** The srcdoc for the plugin iframe from the HTML passed to showUI. */
export function buildSrcdoc(html: string, options: SrcdocOptions): string {
  const injected = [
    `<meta http-equiv="Content-Security-Policy" content="${attribute(options.csp)}">`,
    inlineScript(agentScript(options.theme !== null)),
    options.theme === null ? '' : `<style id="${THEME_STYLE_ID}">${themeCss(options.theme)}</style>`,
    options.scriptBeforeUi === null ? '' : inlineScript(options.scriptBeforeUi),
  ].join('\n');
  const themed = options.theme === null ? html : withThemeClass(html, options.theme);
  // At the start of <head>, so the policy covers everything the plugin's document loads; without a <head>,
  // after the <html> tag (the parser then opens the head for these elements).
  const anchor = /<head\b[^>]*>/i.exec(themed) ?? /<html\b[^>]*>/i.exec(themed);
  if (!anchor) return injected + themed;
  const at = anchor.index + anchor[0].length;
  return `${themed.slice(0, at)}\n${injected}\n${themed.slice(at)}`;
}
