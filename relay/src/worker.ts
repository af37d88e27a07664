// The relay as a Cloudflare Worker: `npx wrangler deploy` from relay/ (see README). Configuration comes from
// the Worker's variables and secrets, the same names as under Node.
import type { ExecutionContext } from 'hono';
import { createRelayApp, relayError } from './app';
import { readRelayConfig } from './config';

type Handler = (request: Request, env: object, ctx: ExecutionContext) => Response | Promise<Response>;

// One app per env object: a Worker isolate keeps its env for its lifetime.
const handlers = new WeakMap<object, Handler>();

function handlerFor(env: Record<string, unknown>): Handler {
  const strings = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const config = readRelayConfig(strings);
  if (config.ok) return createRelayApp(config.config).fetch;
  // Problems name variables, never their values.
  console.log(`relay misconfigured: ${config.problems.join('; ')}`);
  return () => relayError(500, 'misconfigured', `The relay’s settings are invalid: ${config.problems.join('; ')}.`);
}

export default {
  fetch(request: Request, env: Record<string, unknown>, ctx: ExecutionContext): Response | Promise<Response> {
    let handler = handlers.get(env);
    if (handler === undefined) {
      handler = handlerFor(env);
      handlers.set(env, handler);
    }
    return handler(request, env, ctx);
  },
};
