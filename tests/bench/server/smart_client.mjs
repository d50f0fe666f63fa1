// Small client for the server benchmark (tests/bench/run_server_bench.sh).
//   node smart_client.mjs token DEV_JSON              prints a fresh access token (system/*.cruds)
//   node smart_client.mjs patient BUNDLE OUT_FILE     writes the first Patient resource of a
//                                                     Synthea bundle, unchanged, to OUT_FILE
// The token is obtained the SMART Backend Services way: a client assertion signed ES384 with the
// dev client's private JWK, POSTed to the token URL. Run with NODE_EXTRA_CA_CERTS = the dev CA.
// Exit codes: 0 success, 1 failure (the reason on stderr), 2 usage.
import { readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, randomUUID, sign } from 'node:crypto';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

function assertion(dev) {
  const jwk = JSON.parse(readFileSync(dev.client_jwk_file, 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'ES384', typ: 'JWT', kid: jwk.kid };
  const claims = { iss: dev.client_id, sub: dev.client_id, aud: dev.token_url, iat: now,
                   exp: now + 240, jti: randomUUID() };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return `${input}.${b64url(sign('sha384', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }))}`;
}

async function token(devJsonFile) {
  const dev = JSON.parse(readFileSync(devJsonFile, 'utf8'));
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion(dev),
    scope: dev.scope_v2 ?? 'system/*.cruds',
  });
  const r = await fetch(dev.token_url, { method: 'POST', body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const json = await r.json().catch(() => ({}));
  if (r.status !== 200 || typeof json.access_token !== 'string') {
    console.error(`token endpoint answered ${r.status}`);
    process.exit(1);
  }
  console.log(json.access_token);
}

function patient(bundleFile, outFile) {
  const bundle = JSON.parse(readFileSync(bundleFile, 'utf8'));
  const entry = (bundle.entry ?? []).find((e) => e.resource?.resourceType === 'Patient');
  if (!entry) {
    console.error('no Patient in the bundle');
    process.exit(1);
  }
  writeFileSync(outFile, JSON.stringify(entry.resource));
}

const [command, ...args] = process.argv.slice(2);
if (command === 'token' && args.length === 1) {
  await token(args[0]);
} else if (command === 'patient' && args.length === 2) {
  patient(args[0], args[1]);
} else {
  console.error('usage: node smart_client.mjs token DEV_JSON | patient BUNDLE OUT_FILE');
  process.exit(2);
}
