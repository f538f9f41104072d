import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../common/log';

/**
 * The end of the gateway's HTTP app: an unknown path is a plain 404, and an error that
 * reaches express is answered with its status and a fixed text, never express's default
 * page (which prints the stack and absolute paths unless NODE_ENV=production). The error
 * itself goes to the log with the request id.
 */
export function notFound() {
  return (_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('Not found');
  };
}

export function errorHandler(logger: Logger) {
  return (error: { status?: unknown; statusCode?: unknown; name?: unknown }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const raw = typeof error?.status === 'number' ? error.status : typeof error?.statusCode === 'number' ? error.statusCode : 500;
    const status = raw >= 400 && raw < 600 ? raw : 500;
    // the error's name only: some carry the request body (body parser), which may hold PHI
    if (status >= 500) logger.error({ requestId: res.locals.requestId, cause: typeof error?.name === 'string' ? error.name : 'unknown' }, 'HTTP request failed');
    res
      .status(status)
      .type('text/plain')
      .send(status === 404 ? 'Not found' : status < 500 ? 'Bad request' : `Internal error (request ${String(res.locals.requestId ?? '')}).`);
  };
}
