/**
 * TypeDoc plugin of the reference site (root `typedoc.json`), for what options alone do not give in
 * `packages` mode, where each package is converted on its own and the results are merged:
 *
 * 1. One page per declaration: a service package re-exports core's errors and options
 *    (`import { TcServiceError } from "@tcsdk/cls"` works), and each package's conversion documents
 *    them again. Once merged, each copy becomes a re-export ("Re-exports TcServiceError") linking to
 *    the page of the package that declares it, and every type and link that pointed at a copy points
 *    there (what extends the copy extends the original, in the hierarchy too).
 * 2. Files the Markdown links to (`examples/export-demo/demo.mjs`, `LICENSE`) become pages showing the
 *    file, instead of raw files copied beside the site; a link to a package's README leads to its module.
 * 3. A Markdown document without a `title` in its front matter is named by its first `#` heading.
 * 4. Search puts API actions first: a reader of an API SDK searches for what to call. A client
 *    method that calls an action (`ClsClient.createExport`, from the generated `CreateExportMethod`)
 *    is boosted, and indexed with the resource it acts on (`export`, singular), so that "export" finds the
 *    actions on exports before the fields named `ExportId`; among a resource's actions the one that
 *    creates it comes first, since its page leads to the others. The generated `<Action>Method`
 *    interfaces' copies of those methods are left out of the index (the client's are the same).
 */
// @ts-check
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  Application,
  DeclarationReflection,
  DocumentReflection,
  IndexEvent,
  MinimalSourceFile,
  ReferenceReflection,
  ReflectionGroup,
  ReflectionKind,
  makeRecursiveVisitor,
} from "typedoc";

/** Extensions of linked files shown as pages, with the language of their code block. */
const CODE_LANGUAGES = new Map([
  [".mjs", "js"],
  [".cjs", "js"],
  [".js", "js"],
  [".ts", "ts"],
  [".json", "json"],
  [".sh", "sh"],
  [".yaml", "yaml"],
  [".yml", "yaml"],
  ["", "text"],
]);

/** Search boost of a client method that calls an API action. */
const ACTION_BOOST = 3;

/** Verbs of the actions that create their resource (`CreateExport`, `RunInstances`, `AllocateAddresses`). */
const CREATING_VERBS = new Set(["create", "run", "allocate"]);

/** Further boost of an action that creates its resource: among a resource's actions it comes first. */
const CREATING_BOOST = 1.25;

/**
 * Weight of the resource an action acts on, beside TypeDoc's `name` (10) and `comment` (1). A word
 * such as `export` is in many comments, so lunr's idf makes each match of it weigh little: at 300, a
 * match on the resource outweighs a name that merely starts with the word (`exportImages` acts on
 * images, and TypeDoc's search favours names starting with what was typed).
 */
const RESOURCE_WEIGHT = 300;

/** Largest linked file shown as a page; a bigger one stays a copied file. */
const MAX_PAGE_BYTES = 256 * 1024;

/**
 * Registers the plugin: runs once the packages are merged (and the project's documents added).
 * @param {Application} app
 */
export function load(app) {
  app.on(Application.EVENT_PROJECT_REVIVE, (project) => {
    const replaced = reexportsAsReferences(project);
    const pages = linkedFilesAsPages(app, project);
    titleDocuments(project);
    app.logger.verbose(`site plugin: ${replaced} re-exported declarations made references, ${pages} linked files made pages`);
  });
  app.renderer.on(IndexEvent.PREPARE_INDEX, actionsFirst);
}

/**
 * Boosts the client methods that call actions, indexes the resource each acts on, and drops the
 * generated `<Action>Method` interfaces' copies of them, and the re-exports (their declaration is found).
 * @param {IndexEvent} event
 */
export function actionsFirst(event) {
  event.searchFieldWeights["resource"] = RESOURCE_WEIGHT;
  for (let index = event.searchResults.length - 1; index >= 0; index--) {
    const reflection = event.searchResults[index];
    if (reflection instanceof ReferenceReflection) {
      event.removeResult(index); // a re-export: the search finds the declaration itself
      continue;
    }
    if (reflection === undefined || !reflection.kindOf(ReflectionKind.Method)) continue;
    const parent = reflection.parent;
    if (parent?.kindOf(ReflectionKind.Interface) && parent.name === methodInterfaceName(reflection.name)) {
      event.removeResult(index);
      continue;
    }
    const declaring = reflection.isDeclaration() ? reflection.inheritedFrom?.reflection?.parent : undefined;
    if (!parent?.kindOf(ReflectionKind.Class) || declaring?.name !== methodInterfaceName(reflection.name)) continue;
    const [verb = "", ...resource] = reflection.name.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
    Object.assign(reflection, { relevanceBoost: ACTION_BOOST * (CREATING_VERBS.has(verb) ? CREATING_BOOST : 1) });
    const fields = event.searchFields[index];
    if (fields !== undefined) fields["resource"] = singular(resource.join(""));
  }
}

/**
 * A resource's name in the singular (`exports` → `export`), so that the actions on one resource match alike.
 * @param {string} word
 */
function singular(word) {
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/**
 * Name of the generated interface that declares a client method: `createExport` → `CreateExportMethod`.
 * @param {string} method
 */
function methodInterfaceName(method) {
  return `${method.charAt(0).toUpperCase()}${method.slice(1)}Method`;
}

/**
 * Replaces each declaration a package documents but another documented package declares with a
 * reference to the declaring package's own, and retargets every type that pointed at the copy.
 * @param {import("typedoc").ProjectReflection} project
 * @returns {number} how many copies were replaced
 */
export function reexportsAsReferences(project) {
  const modules = new Map(
    (project.children ?? []).filter((child) => child.kindOf(ReflectionKind.Module)).map((child) => [child.name, child]),
  );
  /** @type {Map<number, import("typedoc").Reflection>} copy's id → the declaring package's reflection */
  const targets = new Map();
  for (const module of modules.values()) {
    for (const child of module.children ?? []) {
      if (child instanceof ReferenceReflection) continue;
      const owner = project.getSymbolIdFromReflection(child)?.packageName;
      const declaring = owner === undefined || owner === module.name ? undefined : modules.get(owner);
      const original = declaring?.children?.find((candidate) => candidate.name === child.name && candidate.kind === child.kind);
      if (original !== undefined) pair(child, original, targets);
    }
  }
  const copies = [...targets].filter(([id]) => project.getReflectionById(id)?.parent?.kindOf(ReflectionKind.Module));
  retarget(project, targets);
  for (const [id, original] of copies) {
    const copy = /** @type {import("typedoc").DeclarationReflection} */ (project.getReflectionById(id));
    const module = /** @type {import("typedoc").DeclarationReflection} */ (copy.parent);
    const groups = module.groups ?? [];
    for (const group of groups) group.children = group.children.filter((child) => child !== copy);
    module.groups = groups.filter((group) => group.children.length > 0);
    // what extends the copy (ExportTaskError extends TcServiceError) now extends the original: the
    // hierarchy is drawn from the original's `extendedBy`
    if (original instanceof DeclarationReflection) {
      for (const key of /** @type {const} */ (["extendedBy", "implementedBy"])) {
        const known = original[key] ?? [];
        const moved = (copy[key] ?? []).filter((type) => !known.some((other) => other.reflection === type.reflection));
        if (moved.length > 0) original[key] = [...known, ...moved];
      }
    }
    project.removeReflection(copy);
    const reference = new ReferenceReflection(copy.name, original, module);
    project.registerReflection(reference, undefined, undefined);
    module.addChild(reference);
    const group = referencesGroup(module);
    group.children.push(reference);
    group.children.sort((a, b) => a.name.localeCompare(b.name));
  }
  return copies.length;
}

/**
 * Maps a copy and its members, by name and kind, to the original and its members.
 * @param {import("typedoc").Reflection} copy
 * @param {import("typedoc").Reflection} original
 * @param {Map<number, import("typedoc").Reflection>} targets
 */
function pair(copy, original, targets) {
  targets.set(copy.id, original);
  copy.traverse((member) => {
    /** @type {import("typedoc").Reflection | undefined} */
    let match;
    original.traverse((candidate) => {
      if (candidate.name === member.name && candidate.kind === member.kind) match = candidate;
      return match === undefined;
    });
    if (match !== undefined) pair(member, match, targets);
  });
}

/**
 * Points every reference type and every `{@link}` whose target is a key of `targets` at its value.
 * @param {import("typedoc").ProjectReflection} project
 * @param {Map<number, import("typedoc").Reflection>} targets
 */
function retarget(project, targets) {
  const visitor = makeRecursiveVisitor({
    reference(type) {
      const target = type.reflection;
      const original = target === undefined ? undefined : targets.get(target.id);
      // TypeDoc keeps a resolved type's target id in `_target`, and offers no setter.
      if (original !== undefined) Object.assign(type, { _target: original.id });
    },
  });
  /** @param {readonly import("typedoc").CommentDisplayPart[] | undefined} parts */
  const relink = (parts) => {
    for (const part of parts ?? []) {
      if (part.kind !== "inline-tag" || typeof part.target !== "object" || !("id" in part.target)) continue;
      const original = targets.get(part.target.id);
      if (original !== undefined) Object.assign(part, { target: original });
    }
  };
  for (const reflection of Object.values(project.reflections)) {
    for (const type of typesOf(reflection)) type.visit(visitor);
    relink(reflection.comment?.summary);
    for (const tag of reflection.comment?.blockTags ?? []) relink(tag.content);
    if (reflection instanceof DocumentReflection) relink(reflection.content);
    if (reflection.isDeclaration()) relink(reflection.readme);
  }
  relink(project.readme);
}

/**
 * The types a reflection holds directly (nested ones are reached by the recursive visitor).
 * @param {import("typedoc").Reflection} reflection
 * @returns {import("typedoc").SomeType[]}
 */
function typesOf(reflection) {
  const holder = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (reflection));
  /** @type {unknown[]} */
  const found = [holder["type"], holder["default"], holder["overwrites"], holder["inheritedFrom"], holder["implementationOf"]];
  for (const key of ["extendedTypes", "extendedBy", "implementedTypes", "implementedBy"]) {
    const list = holder[key];
    if (Array.isArray(list)) found.push(...list);
  }
  return /** @type {import("typedoc").SomeType[]} */ (found.filter((type) => typeof type === "object" && type !== null && "visit" in type));
}

/**
 * The module's "References" group, made when it has none.
 * @param {import("typedoc").DeclarationReflection} module
 */
function referencesGroup(module) {
  const title = ReflectionKind.pluralString(ReflectionKind.Reference);
  module.groups ??= [];
  let group = module.groups.find((candidate) => candidate.title === title);
  if (group === undefined) {
    group = new ReflectionGroup(title, module);
    module.groups.push(group);
  }
  return group;
}

/**
 * Makes a page of each linked file that is not a page already (a small text file of a known kind, or
 * Markdown, whose own links are followed in turn), so that links to it open the page; a link to a
 * package's README leads to its module.
 * @param {Application} app
 * @param {import("typedoc").ProjectReflection} project
 * @returns {number} how many pages were made
 */
export function linkedFilesAsPages(app, project) {
  let made = 0;
  const modules = new Map((project.children ?? []).map((child) => [child.name, child]));
  const handled = new Set();
  for (
    let files = [...project.files.getMediaPaths()];
    files.length > 0;
    files = [...project.files.getMediaPaths()].filter((file) => !handled.has(file))
  ) {
    for (const file of files) {
      handled.add(file);
      const normalized = /** @type {import("typedoc").NormalizedPath} */ (file);
      const stats = statSync(file, { throwIfNoEntry: false });
      if (stats === undefined || !stats.isFile() || stats.size > MAX_PAGE_BYTES) continue;
      const name = path.relative(process.cwd(), file).split(path.sep).join("/");
      const module = path.basename(file) === "README.md" ? modules.get(packageName(path.dirname(file)) ?? "") : undefined;
      if (module !== undefined) project.files.registerReflectionPath(normalized, module);
      else if (path.extname(file) === ".md")
        app.converter.addDocument(project, new MinimalSourceFile(readFileSync(file, "utf8"), normalized), name);
      else {
        const language = CODE_LANGUAGES.get(path.extname(file));
        if (language === undefined) continue;
        const text = readFileSync(file, "utf8");
        const fence = "`".repeat(Math.max(3, ...[...text.matchAll(/`{3,}/g)].map((match) => match[0].length + 1)));
        const content = `# ${name}\n\n${fence}${language}\n${text.trimEnd()}\n${fence}`;
        const page = new DocumentReflection(name, project, [{ kind: "text", text: content }], {});
        project.registerReflection(page, undefined, normalized);
        project.addChild(page);
      }
      made++;
    }
  }
  return made;
}

/**
 * The name in `dir/package.json`, if there is one.
 * @param {string} dir
 * @returns {string | undefined}
 */
function packageName(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).name;
  } catch {
    return undefined;
  }
}

/**
 * Names each document without a front-matter `title` by its first `#` heading.
 * @param {import("typedoc").ProjectReflection} project
 */
function titleDocuments(project) {
  for (const document of project.getReflectionsByKind(ReflectionKind.Document)) {
    if (!(document instanceof DocumentReflection) || "title" in document.frontmatter) continue;
    const heading = /^# (.+)$/m.exec(document.content[0]?.kind === "text" ? document.content[0].text : "")?.[1];
    if (heading !== undefined) document.name = heading.trim();
  }
}
