/**
 * An independent TC3-HMAC-SHA256 check for the capture server, written from the protocol
 * (API-FACTS §2) with node:crypto alone, so that the examples test does not verify core with core.
 */
import { createHash, createHmac } from "node:crypto";

/** What the server received. */
export interface SignedRequest {
  readonly body: string;
  readonly host: string;
  readonly contentType: string;
  readonly timestamp: number;
  readonly authorization: string;
}

/** The `Authorization` header a request with these parts must carry. */
export function expectedAuthorization(request: SignedRequest, secretId: string, secretKey: string, service: string): string {
  const hex = (data: string): string => createHash("sha256").update(data, "utf8").digest("hex");
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();
  const host = request.host.replace(/:\d+$/, "").toLowerCase();
  const canonical = ["POST", "/", "", `content-type:${request.contentType}\nhost:${host}\n`, "content-type;host", hex(request.body)].join(
    "\n",
  );
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(request.timestamp), scope, hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), "tc3_request");
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  return `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}
