// What a test needs to talk to `fhir-gateway serve --dev`: dev.json, signed SMART client
// assertions (also deliberately wrong ones), access tokens, FHIR calls with fetch, and raw
// HTTP/1.1 over TLS for the requests fetch refuses to send (odd headers, a declared
// Content-Length without the body, client certificates).
// fetch() trusts the development CA only when the process runs with NODE_EXTRA_CA_CERTS = its
// ca_file; rawHttps() is given the CA itself.
import { readFileSync } from 'node:fs';
import { createHmac, createPrivateKey, randomUUID, sign } from 'node:crypto';
import tls from 'node:tls';

export const kJwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export const b64url = (buf) => Buffer.from(buf).toString('base64url');

// dev.json plus the files it names: { ...dev, ca, jwk }.
export function readDev(devJsonFile) {
  const dev = JSON.parse(readFileSync(devJsonFile, 'utf8'));
  dev.ca = readFileSync(dev.ca_file);
  dev.jwk = JSON.parse(readFileSync(dev.client_jwk_file, 'utf8'));
  return dev;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

// A compact JWS client assertion. Defaults: a valid ES384 assertion of dev's client.
// `header` / `claims` are merged over the defaults; a member set to undefined is removed.
// `key`: another private JWK to sign with; `hmacSecret`: sign HS256 with it; alg "none" → empty
// signature.
export function clientAssertion(dev, { header = {}, claims = {}, key, hmacSecret } = {}) {
  const now = nowSeconds();
  const h = { alg: 'ES384', typ: 'JWT', kid: dev.jwk.kid, ...header };
  const c = { iss: dev.client_id, sub: dev.client_id, aud: dev.token_url, exp: now + 240,
              iat: now, jti: randomUUID(), ...claims };
  for (const o of [h, c]) for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  const input = `${b64url(JSON.stringify(h))}.${b64url(JSON.stringify(c))}`;
  let signature = Buffer.alloc(0);
  if (hmacSecret !== undefined) {
    signature = createHmac('sha256', hmacSecret).update(input).digest();
  } else if (h.alg !== 'none') {
    const privateKey = createPrivateKey({ key: key ?? dev.jwk, format: 'jwk' });
    signature = sign('sha384', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  }
  return `${input}.${b64url(signature)}`;
}

// The form fields of a token request; `fields` are merged over them (undefined removes one).
export function tokenForm(dev, { scope = dev.scope_v2, assertion, fields = {} } = {}) {
  const f = { grant_type: 'client_credentials', client_assertion_type: kJwtBearer,
              client_assertion: assertion ?? clientAssertion(dev), scope, ...fields };
  for (const k of Object.keys(f)) if (f[k] === undefined) delete f[k];
  return new URLSearchParams(f).toString();
}

// POSTs to the token endpoint: { status, headers, text, json (null when not JSON) }.
export async function requestToken(dev, { body, contentType, ...form } = {}) {
  const r = await fetch(dev.token_url, {
    method: 'POST', body: body ?? tokenForm(dev, form),
    headers: { 'content-type': contentType ?? 'application/x-www-form-urlencoded' } });
  return answer(r);
}

// An access token for `scope`; throws when the endpoint refuses.
export async function accessToken(dev, scope = dev.scope_v2) {
  const r = await requestToken(dev, { scope });
  if (r.status !== 200 || !r.json?.access_token) {
    throw new Error(`token endpoint answered ${r.status}: ${r.text.slice(0, 200)}`);
  }
  return r.json.access_token;
}

async function answer(r) {
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, headers: r.headers, text, json };
}

// A FHIR caller on dev.fhir_base_url: call(method, path, { body (object or string), headers })
// → { status, headers, text, json }. `token` may be null (no Authorization header).
export function fhirClient(dev, token) {
  return async (method, path, { body, headers = {} } = {}) => {
    const h = { accept: 'application/fhir+json', ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) {
      h['content-type'] = 'application/fhir+json';
    }
    const r = await fetch(`${dev.fhir_base_url}${path}`, {
      method, headers: h, body: typeof body === 'object' ? JSON.stringify(body) : body });
    return answer(r);
  };
}

// One HTTP/1.1 exchange over a new TLS connection, bytes as given.
//   url: where to connect (only host and port are used); head: the request line and header
//   lines, without the blank line ending them (it is added, with CRLFs); body: string/Buffer
//   sent after the head, or undefined; ca/cert/key: TLS options; timeoutMs.
// Resolves (never rejects) { status, headers (lowercase names), body (string), ms, error }:
// status 0 with `error` when the connection or handshake failed or the answer did not come.
export function rawHttps({ url, head, body, ca, cert, key, timeoutMs = 10000 }) {
  const { hostname, port } = new URL(url);
  const started = performance.now();
  return new Promise((resolve) => {
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (out) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: 0, headers: {}, body: '', error: null, ...out,
                ms: performance.now() - started });
    };
    const socket = tls.connect({ host: hostname, port: Number(port), ca, cert, key,
                                 servername: hostname === '127.0.0.1' ? undefined : hostname });
    const timer = setTimeout(() => finish({ error: 'timeout' }), timeoutMs);
    socket.on('secureConnect', () => {
      socket.write(`${head}\r\n\r\n`);
      if (body !== undefined) socket.write(body);
    });
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const parsed = parseResponse(data, false);
      if (parsed) finish(parsed);
    });
    socket.on('end', () => finish(parseResponse(data, true) ?? { error: 'connection closed' }));
    socket.on('error', (e) => finish(parseResponse(data, true) ?? { error: e.code ?? e.message }));
  });
}

// A complete response in `data`, or null. At end of stream a body without a length ends there.
function parseResponse(data, ended) {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!m) return { error: 'not HTTP' };
  const headers = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let rest = data.subarray(end + 4);
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const parts = [];
    for (;;) {
      const eol = rest.indexOf('\r\n');
      if (eol < 0) return null;
      const size = parseInt(rest.subarray(0, eol).toString('latin1'), 16);
      if (Number.isNaN(size)) return { error: 'bad chunk' };
      if (size === 0) break;
      if (rest.length < eol + 2 + size + 2) return null;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      rest = rest.subarray(eol + 2 + size + 2);
    }
    rest = Buffer.concat(parts);
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (rest.length < length) return null;
    rest = rest.subarray(0, length);
  } else if (!ended) {
    return null;
  }
  return { status: Number(m[1]), headers, body: rest.toString('utf8') };
}

// Counts checks; `expected` failures (known server bugs) print KNOWN-FAIL and do not fail.
export class Checks {
  constructor() {
    this.passed = 0;
    this.failed = 0;
    this.knownFailed = 0;
    this.skipped = 0;
  }

  check(ok, what, { knownBug } = {}) {
    if (ok) {
      this.passed++;
      console.log(`PASS: ${what}${knownBug ? ' (known bug did not show)' : ''}`);
    } else if (knownBug) {
      this.knownFailed++;
      console.log(`KNOWN-FAIL: ${what} — ${knownBug}`);
    } else {
      this.failed++;
      console.log(`FAIL: ${what}`);
    }
    return ok;
  }

  skip(what, why) {
    this.skipped++;
    console.log(`SKIP: ${what} — ${why}`);
  }

  summary() {
    console.log(`${this.passed} passed, ${this.failed} failed, ` +
                `${this.knownFailed} known failures, ${this.skipped} skipped`);
    return this.failed === 0;
  }
}
