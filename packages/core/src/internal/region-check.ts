/**
 * A region the service does not list is most likely a typo (`guangzhou`, `ap-guangzou`): it would be
 * sent, and refused by the service or unresolvable as a regional host. The client refuses it when it
 * is made, naming the closest listed regions; `allowUnknownRegion` lets a region newer than the
 * package through.
 * @packageDocumentation
 */
import type { ServiceInfo } from "../service.js";

/** At most this many suggestions. */
const SUGGESTIONS = 3;

/**
 * @throws TypeError when `region` is set, the service lists its regions, and `region` is not one of them
 */
export function checkRegion(service: ServiceInfo, region: string | undefined, allowUnknown: boolean): void {
  if (region === undefined || region === "" || allowUnknown || service.regions.length === 0 || service.regions.includes(region)) return;
  const suggestions = closest(region, service.regions);
  throw new TypeError(
    `region ${JSON.stringify(region)} is not one of ${service.service}'s regions` +
      (suggestions.length > 0 ? `: did you mean ${suggestions.map((name) => JSON.stringify(name)).join(" or ")}?` : ".") +
      ` Regions are added over time: if yours is newer than this package, set allowUnknownRegion: true to send it anyway.` +
      ` Known: ${service.regions.join(", ")}`,
  );
}

/** The listed regions nearest to `region`: those that contain it or that it contains, else by edit distance. */
function closest(region: string, regions: readonly string[]): string[] {
  const wanted = region.toLowerCase().trim();
  const containing = regions.filter((name) => name.includes(wanted) || wanted.includes(name));
  if (containing.length > 0) return containing.slice(0, SUGGESTIONS);
  const scored = regions.map((name) => ({ name, distance: editDistance(wanted, name) })).sort((a, b) => a.distance - b.distance);
  const best = scored[0]?.distance ?? Number.POSITIVE_INFINITY;
  return best <= Math.max(2, Math.floor(wanted.length / 3))
    ? scored
        .filter((item) => item.distance === best)
        .map((item) => item.name)
        .slice(0, SUGGESTIONS)
    : [];
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
