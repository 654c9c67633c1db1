#!/usr/bin/env node
// Reads rendered manifests (kubectl kustomize output) on stdin and validates every document against the
// Kubernetes schema of its apiVersion and kind, offline. Exits 1 naming each invalid or unknown document.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const documents = yaml.loadAll(readFileSync(0, "utf8")).filter((d) => d);
let failures = 0;

for (const doc of documents) {
  const name = `${doc.kind}/${doc.metadata?.name ?? "?"}`;
  const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
  let Model;
  try {
    const module = await import(`kubernetes-models/${group ? `${group}/` : ""}${version}`);
    Model = module[doc.kind];
  } catch {
    Model = undefined;
  }
  if (!Model) {
    console.error(`UNKNOWN ${name}: no schema for ${doc.apiVersion} ${doc.kind}`);
    failures++;
    continue;
  }
  try {
    new Model(doc).validate();
    console.log(`ok      ${name}`);
  } catch (e) {
    console.error(`INVALID ${name}: ${e.message}`);
    failures++;
  }
}

console.log(`${documents.length - failures} valid, ${failures} invalid`);
if (documents.length === 0) {
  console.error("no documents on stdin");
  process.exit(1);
}
process.exit(failures ? 1 : 0);
