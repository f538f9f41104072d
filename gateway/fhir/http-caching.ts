import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Conditional reads: a strong ETag of the exact body and Last-Modified from the newest
 * element the answer holds; `If-None-Match` / `If-Modified-Since` that still match get 304
 * without a body. PHI is never kept by caches on the way (`no-store`), only revalidated.
 */
export function sendConditional(req: Request, res: Response, status: number, body: string, lastModified: Date | undefined): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  res.set('etag', etag);
  if (lastModified && !Number.isNaN(lastModified.getTime())) res.set('last-modified', lastModified.toUTCString());
  if (status === 200 && notModified(req, etag, lastModified)) {
    res.status(304).end();
    return;
  }
  res.status(status).send(body);
}

function notModified(req: Request, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = req.get('if-none-match');
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
  const since = req.get('if-modified-since');
  if (since === undefined || !lastModified) return false;
  const at = Date.parse(since);
  return !Number.isNaN(at) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(at / 1000);
}
