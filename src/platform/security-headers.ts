import type { FastifyInstance } from "fastify";

/**
 * Security headers on every answer. Scripts run only from our own files and only with this
 * request's nonce; there is no inline script or style anywhere in Sofia.
 */
export function securityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (req, reply) => {
    const nonce = req.cspNonce;
    reply.header(
      "content-security-policy",
      [
        "default-src 'self'",
        `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ""}`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    // A page holding a secret in its URL (one-time links, survey links) sets no-referrer itself.
    if (!reply.hasHeader("referrer-policy")) reply.header("referrer-policy", "same-origin");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("cross-origin-resource-policy", "same-origin");
    reply.header("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    // Personal data is never kept by a browser's or a proxy's cache (issue 17 item 6): every answer
    // to a logged-in request (session or API token) and every API answer is no-store, whatever the
    // route set, unless the route declares itself public (static files, `config.cache`).
    const loggedIn = Boolean(req.actor || req.sessionToken);
    const api = req.url === "/api/v1" || req.url.startsWith("/api/");
    if (req.routeOptions?.config?.cache !== "public" && (loggedIn || api)) reply.header("cache-control", "no-store");
    if (req.protocol === "https") {
      reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
  });
}
