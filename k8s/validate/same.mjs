#!/usr/bin/env node
// Exits 0 when two YAML files hold the same documents, whatever the order of keys within a mapping.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import yaml from "js-yaml";

const [a, b] = process.argv.slice(2).map((file) => {
  try {
    return yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d);
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(2);
  }
});
process.exit(isDeepStrictEqual(a, b) ? 0 : 1);
