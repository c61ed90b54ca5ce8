/**
 * Picks the URL a client talks to.
 *
 * @internal
 * @packageDocumentation
 */
import type { ServiceInfo } from "../service.js";

/** Which of a service's hosts to use when no endpoint is given. */
export type Site = "china" | "international" | "regional";

/** A resolved endpoint. */
export interface Endpoint {
  /** `scheme://host[:port]`, e.g. `https://cls.tencentcloudapi.com`. */
  readonly origin: string;
  /** `Host` header value: host and port when the port is not the scheme's default. */
  readonly host: string;
  /** The host name that is signed: without a port. */
  readonly hostname: string;
}

/**
 * Resolves the endpoint:
 * 1. `endpoint`, when given: a host (`cls.example.com`, HTTPS) or a URL (`http://127.0.0.1:9000`);
 * 2. the regional host, when `site` is `regional` or the region must be reached through its own host
 *    (`ServiceInfo.regionalOnly`, e.g. finance regions);
 * 3. the international host for `site: "international"`;
 * 4. the China site's nearest-access host.
 *
 * Plain `http:` is taken only for a loopback host (`localhost`, 127.0.0.0/8, `::1`) or with
 * `allowInsecureHttp`: anywhere else it would carry signed requests and session tokens in clear text.
 *
 * @throws TypeError for an endpoint that is not an `http:`/`https:` URL with path `/`, plain HTTP to a host
 *   that is not loopback without `allowInsecureHttp`, or `regional` without a region
 */
export function resolveEndpoint(
  service: ServiceInfo,
  endpoint: string | undefined,
  site: Site | undefined,
  region: string | undefined,
  allowInsecureHttp = false,
): Endpoint {
  let url: URL;
  if (endpoint !== undefined) {
    url = parseEndpoint(endpoint);
    if (url.protocol === "http:" && !allowInsecureHttp && !isLoopback(url.hostname)) {
      throw new TypeError(
        `endpoint ${JSON.stringify(endpoint)} uses plain HTTP to a host that is not loopback: signed requests and session tokens ` +
          `would cross the network in clear text. Use https://${url.host}, or set allowInsecureHttp: true if you accept that risk`,
      );
    }
  } else {
    const regional = site === "regional" || (region !== undefined && (service.regionalOnly ?? []).includes(region));
    if (regional && region === undefined) throw new TypeError(`site "regional" needs a region`);
    const template = service.endpoints.regional;
    if (regional && template === undefined) {
      throw new TypeError(`${service.service} is a global service with no regional hosts: leave site unset or use "international"`);
    }
    const host = regional
      ? (template as string).replace("{region}", region as string)
      : site === "international"
        ? service.endpoints.international
        : service.endpoints.china;
    url = new URL(`https://${host}`);
  }
  return { origin: url.origin, host: url.host, hostname: url.hostname };
}

function parseEndpoint(endpoint: string): URL {
  if (!endpoint.includes("://")) {
    // A bare `127.0.0.1:4566` would mean HTTPS, and a local server answers that with a TLS error three retries later.
    const local = isLoopback(endpoint.replace(/:\d+$/, "").replace(/^\[|\]$/g, ""));
    throw new TypeError(
      `endpoint ${JSON.stringify(endpoint)} has no scheme: write ${JSON.stringify(`https://${endpoint}`)}` +
        (local ? `, or ${JSON.stringify(`http://${endpoint}`)} for a local server such as the emulator or the mock` : ""),
    );
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`endpoint ${JSON.stringify(endpoint)} is not a host or a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`endpoint ${JSON.stringify(endpoint)} must use http: or https:`);
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.username !== "" || url.password !== "") {
    throw new TypeError(`endpoint ${JSON.stringify(endpoint)} must have no path, query or credentials (API 3.0 posts to /)`);
  }
  return url;
}

/** Whether `hostname` (as `URL` writes it) is this machine: `localhost`, 127.0.0.0/8, `[::1]` or IPv4-mapped 127.x. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === "localhost" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    host === "[::1]" ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
  );
}
