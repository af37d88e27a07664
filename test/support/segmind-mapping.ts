// How a browser reaches the Segmind stand-in at the production address: Chromium maps api.segmind.com to
// the stand-in on 127.0.0.1 (--host-resolver-rules) and accepts its test-only certificate
// (--ignore-certificate-errors), so the built plugin keeps calling https://api.segmind.com unchanged.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TLS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/tls');

/** The API's host name, exactly as the production build calls it. */
export const SEGMIND_HOST = 'api.segmind.com';
/** A host the manifest does not allow. It maps to the stand-in too, so only the plugin's CSP can stop a request. */
export const OUTSIDE_HOST = 'uploads.example.net';

/** The test-only certificate and key for api.segmind.com (test/fixtures/tls), as PEM text. */
export async function testCertificateAsync(): Promise<{ key: string; cert: string }> {
  const [key, cert] = await Promise.all([
    readFile(path.join(TLS_DIR, 'key.pem'), 'utf8'),
    readFile(path.join(TLS_DIR, 'cert.pem'), 'utf8'),
  ]);
  return { key, cert };
}

/** Chromium flags that send api.segmind.com (and OUTSIDE_HOST) to a TLS server on 127.0.0.1:`port`. */
export function hostMappingArgs(port: number): string[] {
  return [
    `--host-resolver-rules=MAP ${SEGMIND_HOST} 127.0.0.1:${port}, MAP ${OUTSIDE_HOST} 127.0.0.1:${port}`,
    '--ignore-certificate-errors',
  ];
}
