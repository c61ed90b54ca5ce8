/**
 * The generator's own name and version, recorded in each package's provenance file.
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string; version: string };

/** npm name of the generator, `@tcsdk/generator`. */
export const GENERATOR_NAME: string = pkg.name;
/** Version of the generator. */
export const GENERATOR_VERSION: string = pkg.version;
