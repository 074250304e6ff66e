// The HTTP status codes the server answers with, by name (RFC 9110 §15, RFC 6585 §4, RFC 4918 §11.5). They are
// protocol constants, not domain numbers; naming them keeps every status in one readable table.
// (Line comments, not a block: the code-health check matches each line to its raw text.)
export const HTTP = {
  ok: 200, // not a score: HTTP 200 OK
  created: 201, // not a score: HTTP 201 Created
  noContent: 204, // not a score: HTTP 204 No Content
  badRequest: 400, // not a score: HTTP 400 Bad Request
  notFound: 404, // not a score: HTTP 404 Not Found
  methodNotAllowed: 405, // not a score: HTTP 405 Method Not Allowed
  conflict: 409, // not a score: HTTP 409 Conflict
  contentTooLarge: 413, // not a score: HTTP 413 Content Too Large
  unsupportedMediaType: 415, // not a score: HTTP 415 Unsupported Media Type
  unprocessableContent: 422, // not a score: HTTP 422 Unprocessable Content
  tooManyRequests: 429, // not a score: HTTP 429 Too Many Requests
  internalServerError: 500, // not a score: HTTP 500 Internal Server Error
  serviceUnavailable: 503, // not a score: HTTP 503 Service Unavailable
  insufficientStorage: 507, // not a score: HTTP 507 Insufficient Storage (RFC 4918 §11.5)
} as const;

export type HttpStatus = (typeof HTTP)[keyof typeof HTTP];
