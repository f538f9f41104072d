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

/**
 * Tokens (up to `max + 1`, as `countTokens`) and directive uses (`@` tokens) of a document,
 * in one pass of the lexer: directive overloading is refused before validation, which
 * would otherwise answer one error per unknown or repeated directive (GraphQL Cop).
 */
export function lexicalCounts(source: string, max: number): { tokens: number; directives: number } {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let directives = 0;
  try {
    for (let kind = lexer.advance().kind; tokens <= max && kind !== TokenKind.EOF; kind = lexer.advance().kind) {
      tokens += 1;
      if (kind === TokenKind.AT) directives += 1;
    }
  } catch {
    /* a syntax error: parsing reports it */
  }
  return { tokens, directives };
}
