import type http from 'node:http';

/**
 * An http request listener from an async function. Node ignores a listener's promise, so a
 * failure would be an unhandled rejection and a request left hanging; here it ends the
 * response with 500 and the error's message, which the test then sees.
 */
export function asyncHandler(handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): http.RequestListener {
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.statusCode = 500;
      res.end(error instanceof Error ? error.message : String(error));
    });
  };
}
