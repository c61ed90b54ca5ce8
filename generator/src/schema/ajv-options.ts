/**
 * The AJV configuration of the validators: one instance per generation run compiles every schema, both
 * to check the spec's examples and to print the standalone code the generated package ships.
 * @packageDocumentation
 */
import { Ajv, type Options } from "ajv";

/**
 * AJV options chosen so the standalone code imports nothing at run time and stays small:
 * `messages: false` (core words an error from its keyword and parameters, once, instead of every
 * validator carrying the strings), `unicode: false` (string lengths in UTF-16 code units, instead of
 * importing `ucs2length`), no formats,
 * only primitive `enum`s (no deep-equal), `$data` for cross-field rules, the first error only, unknown
 * properties rejected by the schema's own `additionalProperties: false`. `loopRequired: 2` checks two or
 * more required properties in a loop rather than one long condition; `inlineRefs: false` compiles each
 * `$ref`-erenced output shape once.
 */
export const VALIDATOR_OPTIONS: Options = {
  allErrors: false,
  $data: true,
  unicode: false,
  strict: true,
  messages: false,
  validateFormats: false,
  inlineRefs: false,
  loopRequired: 2,
  code: { source: true, esm: true, lines: true, optimize: true },
};

/** A fresh AJV instance with {@link VALIDATOR_OPTIONS}; AJV's deprecation notice for `unicode` is silenced. */
export function createValidatorAjv(): Ajv {
  return new Ajv({
    ...VALIDATOR_OPTIONS,
    logger: {
      log: () => undefined,
      warn: (...args: unknown[]) => {
        if (!String(args[0]).startsWith("DEPRECATED: option unicode")) console.warn(...args);
      },
      error: (...args: unknown[]) => console.error(...args),
    },
  });
}
