import { createHmac, randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';

/** How webhooks are checked and retried; set once at start (main.ts), changed by tests. */
export const webhookSettings = {
  /** Accept loopback and private addresses (HEXIE_WEBHOOK_ALLOW_PRIVATE=1: an intranet receiver). */
  allowPrivate: false,
  /** The first retry waits this long, each next one 4× longer. */
  backoffMs: 30_000,
  /** Attempts before a delivery is given up (FAILED). */
  maxAttempts: 6,
  timeoutMs: 5_000,
};

export const MAX_URL_LENGTH = 2000;
export const SIGNATURE_HEADER = 'x-hexie-signature';
export const TIMESTAMP_HEADER = 'x-hexie-timestamp';

export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"): a receiver recomputes it and checks the timestamp is recent. */
export const signature = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** Why an address may not receive webhooks (loopback, private, link-local, …), or null when it is public. */
export function addressProblem(address: string): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? null : `${address} is a ${range} address`;
}

/** Problems with a webhook URL (none: it may be used). Resolves its host name: every address must be public. */
export async function webhookUrlProblem(text: string, allowPrivate = webhookSettings.allowPrivate): Promise<string | null> {
  if (text.length > MAX_URL_LENGTH) return `the webhook URL is ${text.length} characters long; at most ${MAX_URL_LENGTH} are allowed`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text.slice(0, 80)}" is not a URL: give an absolute http:// or https:// URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the webhook URL must be http:// or https://, got ${url.protocol}//`;
  if (url.username || url.password) return 'the webhook URL must not carry a user name or password (the body is signed instead)';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return `the webhook host "${host}" does not resolve`;
    }
  }
  for (const address of addresses) {
    const problem = addressProblem(address);
    if (problem)
      return `the webhook host "${host}" is not public (${problem}): loopback and private addresses are refused unless HEXIE_WEBHOOK_ALLOW_PRIVATE=1`;
  }
  return null;
}

/**
 * Resolves as the connection does and refuses non-public addresses at connect time: a host name
 * that resolved to a public address when the rule was made cannot be re-pointed at the intranet.
 */
function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: object,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.map((a) => addressProblem(a.address)).find(Boolean);
      if (bad) return callback(Object.assign(new Error(`refused: ${bad}`), { code: 'EPRIVATE' }), '');
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

export interface PostResult {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

/** POSTs a signed JSON body; never follows redirects; a 2xx answer is a delivery. */
export function postWebhook(url: string, body: string, secret: string, headers: Record<string, string> = {}): Promise<PostResult> {
  const started = performance.now();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!webhookSettings.allowPrivate && ipaddr.isValid(host) && addressProblem(host)) {
    return Promise.resolve({ ok: false, httpStatus: null, error: `refused: ${addressProblem(host)}`, durationMs: 0 });
  }
  return new Promise((resolve) => {
    const done = (result: Omit<PostResult, 'durationMs'>) => resolve({ ...result, durationMs: Math.round(performance.now() - started) });
    const request = transport.request(
      target,
      {
        method: 'POST',
        lookup: guardedLookup(webhookSettings.allowPrivate) as never,
        timeout: webhookSettings.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Hexie-Webhook/1',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signature(secret, timestamp, body),
          ...headers,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          done({ ok: status >= 200 && status < 300, httpStatus: status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
        });
        response.on('error', (error) => done({ ok: false, httpStatus: response.statusCode ?? null, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${webhookSettings.timeoutMs} ms`)));
    request.on('error', (error) => done({ ok: false, httpStatus: null, error: error.message.slice(0, 500) }));
    request.end(body);
  });
}
