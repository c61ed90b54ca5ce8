/**
 * The environment the packaging tests run npm with.
 * @packageDocumentation
 */

/** npm's environment: ours without the variables `pnpm run` sets for the workspace's own scripts. */
export function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    const lower = name.toLowerCase();
    if (lower.startsWith("npm_") && !/registry|proxy|cafile|strict_ssl|^npm_config_cache$/.test(lower)) continue;
    if (lower.startsWith("pnpm_") || lower === "init_cwd") continue;
    env[name] = value;
  }
  return { ...env, npm_config_update_notifier: "false" };
}
