import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Lexical tokens of a document, counted up to `max + 1` so that a huge document costs
 * no more than the limit (graphql-js's own count, `parse(…, { maxTokens })`). Comments
 * are skipped by the lexer and do not count; a lexical error stops the count, and the
 * parser reports it afterwards.
 */
export function countTokens(source: string, max: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (count <= max && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    /* a syntax error: parsing reports it */
  }
  return count;
}
