import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

/**
 * Renders a kustomization the way `kustomize build` (or `kubectl kustomize`) does, for the subset of
 * kustomize that k8s/ uses: `resources`, `components`, `namespace`, `images`, strategic-merge
 * `patches` and `configMapGenerator` without name hashes. Anything else in a kustomization is an
 * error, so that the manifests cannot drift into features this renderer would silently ignore.
 * k8s/render.test.ts checks its output against `kubectl kustomize` where kubectl is installed.
 */

// biome-ignore lint/suspicious/noExplicitAny: manifests are arbitrary YAML documents
export type Manifest = Record<string, any>;

const KNOWN_FIELDS = new Set([
  "apiVersion",
  "kind",
  "resources",
  "components",
  "namespace",
  "images",
  "patches",
  "configMapGenerator",
]);

/** Kinds that live outside namespaces (the ones k8s/ could contain). */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "StorageClass",
  "PriorityClass",
  "ClusterSecretStore",
  "ClusterImageCatalog",
]);

/**
 * List fields merged item by item (by this key) in a strategic-merge patch of a built-in kind, as
 * Kubernetes' OpenAPI `x-kubernetes-patch-merge-key` says. Every other list is replaced whole, and
 * lists of custom resources always are (kustomize knows no schema for them).
 */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  ports: "containerPort",
  imagePullSecrets: "name",
  tolerations: "key",
};

const BUILT_IN_GROUPS =
  /^(v1|(apps|batch|policy|autoscaling|networking\.k8s\.io|rbac\.authorization\.k8s\.io)\/.+)$/;

export function render(dir: string): Manifest[] {
  return build(resolve(dir), "Kustomization");
}

function build(dir: string, expected: "Kustomization" | "Component", base: Manifest[] = []): Manifest[] {
  const k = readKustomization(dir);
  if (k.kind !== expected) throw new Error(`${dir}: expected a ${expected}, found ${k.kind}`);
  const unknown = Object.keys(k).filter((f) => !KNOWN_FIELDS.has(f));
  if (unknown.length) throw new Error(`${dir}: the renderer does not support ${unknown.join(", ")}`);

  let out = [...base];
  for (const entry of (k.resources ?? []) as string[]) {
    const path = join(dir, entry);
    out.push(...(statSync(path).isDirectory() ? build(path, "Kustomization") : readDocs(path)));
  }
  for (const entry of (k.components ?? []) as string[]) out = build(join(dir, entry), "Component", out);
  for (const g of (k.configMapGenerator ?? []) as Manifest[]) out.push(generateConfigMap(dir, g));
  for (const p of (k.patches ?? []) as Manifest[]) {
    if (!p.path || p.target || p.patch) throw new Error(`${dir}: only { path } patches are supported`);
    for (const patch of readDocs(join(dir, p.path))) out = applyPatch(out, patch, `${dir}/${p.path}`);
  }
  for (const image of (k.images ?? []) as Manifest[]) out = out.map((m) => setImage(m, image));
  if (k.namespace) out = out.map((m) => (CLUSTER_SCOPED.has(m.kind) ? m : withNamespace(m, k.namespace)));
  return out;
}

function readKustomization(dir: string): Manifest {
  for (const name of ["kustomization.yaml", "kustomization.yml", "Kustomization"]) {
    const path = join(dir, name);
    if (existsSync(path)) return readDocs(path)[0] ?? {};
  }
  throw new Error(`${dir}: no kustomization.yaml`);
}

export function readDocs(path: string): Manifest[] {
  return parseAllDocuments(readFileSync(path, "utf8"))
    .map((d) => {
      if (d.errors.length) throw new Error(`${path}: ${d.errors[0]!.message}`);
      return d.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

function generateConfigMap(dir: string, g: Manifest): Manifest {
  const options = (g.options ?? {}) as Manifest;
  if (!options.disableNameSuffixHash) throw new Error(`${dir}: generators must set disableNameSuffixHash`);
  const data: Record<string, string> = {};
  for (const file of (g.files ?? []) as string[])
    data[basename(file)] = readFileSync(join(dir, file), "utf8");
  for (const literal of (g.literals ?? []) as string[]) {
    const i = literal.indexOf("=");
    data[literal.slice(0, i)] = literal.slice(i + 1);
  }
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: g.name, ...(options.labels ? { labels: { ...options.labels } } : {}) },
    data,
  };
}

function applyPatch(resources: Manifest[], patch: Manifest, where: string): Manifest[] {
  const group = (v: string) => (v.includes("/") ? v.slice(0, v.indexOf("/")) : "");
  let matched = 0;
  const out = resources.map((m) => {
    if (m.kind !== patch.kind || m.metadata?.name !== patch.metadata?.name) return m;
    if (group(m.apiVersion) !== group(patch.apiVersion)) return m;
    matched++;
    return merge(m, patch, BUILT_IN_GROUPS.test(m.apiVersion)) as Manifest;
  });
  if (matched !== 1)
    throw new Error(
      `${where}: the patch of ${patch.kind}/${patch.metadata?.name} matches ${matched} resources`,
    );
  return out;
}

/** Strategic merge: maps merge, `null` deletes, keyed lists merge by key, other lists are replaced. */
export function merge(target: unknown, patch: unknown, builtIn: boolean, field = ""): unknown {
  if (Array.isArray(patch)) {
    const key = builtIn ? MERGE_KEYS[field] : undefined;
    if (!key || !Array.isArray(target)) return structuredClone(patch);
    const out = [...target];
    for (const item of patch as Manifest[]) {
      const i = out.findIndex((t) => (t as Manifest)[key] === item[key]);
      if (i < 0) out.push(structuredClone(item));
      else out[i] = merge(out[i], item, builtIn);
    }
    return out;
  }
  if (!isObject(patch) || !isObject(target)) return structuredClone(patch);
  const out: Manifest = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = k in out ? merge(out[k], v, builtIn, k) : structuredClone(v);
  }
  return out;
}

function isObject(v: unknown): v is Manifest {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The pod specs of a workload, wherever its kind keeps them. */
export function podSpecs(m: Manifest): Manifest[] {
  const specs = [m.spec?.template?.spec, m.spec?.jobTemplate?.spec?.template?.spec];
  if (m.kind === "Pod") specs.push(m.spec);
  return specs.filter(isObject);
}

function setImage(m: Manifest, image: Manifest): Manifest {
  const specs = podSpecs(m);
  if (!specs.length) return m;
  const copy = structuredClone(m);
  for (const spec of podSpecs(copy)) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as Manifest[]) {
      const [name, tag] = splitImage(c.image as string);
      if (name !== image.name) continue;
      const newName = image.newName ?? name;
      c.image = image.digest
        ? `${newName}@${image.digest}`
        : `${newName}${image.newTag ? `:${image.newTag}` : tag}`;
    }
  }
  return copy;
}

function splitImage(image: string): [string, string] {
  const at = image.indexOf("@");
  if (at >= 0) return [image.slice(0, at), image.slice(at)];
  const colon = image.lastIndexOf(":");
  return colon > image.lastIndexOf("/") ? [image.slice(0, colon), image.slice(colon)] : [image, ""];
}

function withNamespace(m: Manifest, namespace: string): Manifest {
  return { ...m, metadata: { ...m.metadata, namespace } };
}

/** The overlays: one folder each under k8s/overlays. */
export const OVERLAYS_DIR = join(dirname(fileURLToPath(import.meta.url)), "overlays");
