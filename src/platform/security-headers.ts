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
    if (req.protocol === "https") {
      reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
  });
}
