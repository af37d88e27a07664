// The playground's way to the provider stand-in: a script the host puts into the plugin iframe before the UI's
// own script, so the production bundle keeps calling https://api.segmind.com while a person's own browser (where
// no host mapping is possible) reaches a local server. Tests map the host name in the browser instead.

/** Origins as the script compares them: scheme, host and port only, no path, no trailing slash. */
function originOf(url: string, label: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${label} must be an absolute URL such as "http://127.0.0.1:8787", not ${JSON.stringify(url)}`);
  }
  if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
    throw new Error(`${label} must be an origin without a path, not ${JSON.stringify(url)}`);
  }
  return parsed.origin;
}

/**
 * Browser code that makes the page's fetch send requests for `from` (an origin) to `to` instead, path and
 * everything else kept. The CSP still applies to the rewritten URL: `to` must be one the manifest allows.
 */
export function fetchRewriteScript(from: string, to: string): string {
  const source = originOf(from, 'The origin to rewrite');
  const target = originOf(to, 'The origin to send to');
  return `(() => {
  const FROM = ${JSON.stringify(source)};
  const TO = ${JSON.stringify(target)};
  const originalFetch = window.fetch;
  const rewrite = (url) => (url === FROM || url.startsWith(FROM + '/') ? TO + url.slice(FROM.length) : null);
  window.fetch = function fetch(input, init) {
    if (input instanceof Request) {
      const url = rewrite(input.url);
      return originalFetch(url === null ? input : new Request(url, input), init);
    }
    const url = rewrite(String(input));
    return originalFetch(url === null ? input : url, init);
  };
})();`;
}
