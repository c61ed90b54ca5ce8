/**
 * Builds one TypeScript file with ts-morph: imports derived from the symbols used (sorted, one
 * statement per module), declarations added by an emitter, the fixed header first. The package's
 * files are then formatted together by Biome (`output/format-files.ts`), with the repository's rules.
 * @packageDocumentation
 */
import path from "node:path";
import { IndentationText, NewLineKind, Project, QuoteKind, type SourceFile } from "ts-morph";
import type { GeneratedFile } from "./generated-file.js";
import type { SymbolRef } from "./symbols.js";
import { compareText as compare } from "../order.js";

const MAX_IMPORT_LINE = 100;

/** How a file is printed. */
export interface TsFileOptions {
  /** Lines after the generated-file header, e.g. `// @ts-nocheck`. */
  readonly headerLines?: readonly string[];
}

/** A TypeScript file under construction. */
export class TsFile {
  private readonly imports = new Map<string, Map<string, boolean>>();
  private readonly namespaces = new Map<string, { readonly alias: string; readonly typeOnly: boolean }>();
  private readonly parts: ((file: SourceFile) => void)[] = [];

  /** Starts the file at `path` (package-relative). */
  constructor(
    readonly path: string,
    private readonly options: TsFileOptions = {},
  ) {}

  /** Records that the file uses `symbol` and returns the name to write. */
  use(symbol: SymbolRef): string {
    if (symbol.from === this.path) return symbol.name;
    const names = this.imports.get(symbol.from) ?? new Map<string, boolean>();
    names.set(symbol.name, (names.get(symbol.name) ?? true) && symbol.typeOnly);
    this.imports.set(symbol.from, names);
    return symbol.name;
  }

  /** Records a namespace import (`import * as alias from …`) of the module `from` and returns `alias`. */
  useNamespace(alias: string, from: string, typeOnly: boolean): string {
    this.namespaces.set(from, { alias, typeOnly });
    return alias;
  }

  /** Adds declarations through ts-morph. */
  add(part: (file: SourceFile) => void): this {
    this.parts.push(part);
    return this;
  }

  /** Prints the file: the generated-file `header`, the file's own header lines, imports, declarations. */
  render(project: Project, header: string): GeneratedFile {
    const file = project.createSourceFile(`/${this.path}`, "", { overwrite: true });
    const importText = this.importStatements();
    if (importText.length > 0) file.addStatements(importText);
    for (const part of this.parts) part(file);
    const body = file.getFullText().trimStart();
    project.removeSourceFile(file);
    const headerLines = [header, ...(this.options.headerLines ?? [])];
    const content = `${headerLines.join("\n")}\n${body.length > 0 ? `\n${body}` : ""}`;
    return { path: this.path, content: content.endsWith("\n") ? content : `${content}\n` };
  }

  private importStatements(): string[] {
    const named = [...this.imports.keys()].map((from) => ({ specifier: this.specifier(from), text: this.namedImport(from) }));
    const namespaces = [...this.namespaces.entries()].map(([from, { alias, typeOnly }]) => {
      const specifier = this.specifier(from);
      return { specifier, text: `import ${typeOnly ? "type " : ""}* as ${alias} from "${specifier}";` };
    });
    return [...named, ...namespaces]
      .sort((a, b) => rank(a.specifier) - rank(b.specifier) || compare(a.specifier, b.specifier) || compare(a.text, b.text))
      .map((item) => item.text);
  }

  private namedImport(from: string): string {
    const specifier = this.specifier(from);
    const names = [...(this.imports.get(from) ?? new Map<string, boolean>()).entries()];
    const allTypes = names.every(([, typeOnly]) => typeOnly);
    const values = names
      .filter(([, typeOnly]) => !typeOnly)
      .map(([name]) => name)
      .sort(compare);
    const types = names
      .filter(([, typeOnly]) => typeOnly)
      .map(([name]) => name)
      .sort(compare);
    const items = allTypes ? types : [...values, ...types.map((name) => `type ${name}`)];
    const keyword = allTypes ? "import type" : "import";
    const oneLine = `${keyword} { ${items.join(", ")} } from "${specifier}";`;
    if (oneLine.length <= MAX_IMPORT_LINE) return oneLine;
    return `${keyword} {\n${items.map((item) => `  ${item},`).join("\n")}\n} from "${specifier}";`;
  }

  /** The import specifier of `from` as seen from this file (`./x.js`, `../y/z.js`, or a package name). */
  private specifier(from: string): string {
    if (!from.endsWith(".ts")) return from;
    const relative = path.posix.relative(path.posix.dirname(this.path), from).replace(/\.ts$/, ".js");
    return relative.startsWith(".") ? relative : `./${relative}`;
  }
}

/** Package imports first, then relative ones. */
function rank(specifier: string): number {
  return specifier.startsWith(".") ? 1 : 0;
}

/** A ts-morph project for printing, with fixed manipulation settings. */
export function createPrintProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Double,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  });
}
