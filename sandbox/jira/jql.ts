import { JiraHttpError } from './errors';

/** One `field = value` or `field in (values)` restriction of a JQL query: the issue matches any value. */
export interface JqlClause {
  field: 'project' | 'labels';
  values: string[];
}

export interface JqlQuery {
  /** All must match. */
  clauses: JqlClause[];
  orderBy: { field: 'key' | 'created'; direction: 'ASC' | 'DESC' } | null;
}

const FIELDS = new Set<JqlClause['field']>(['project', 'labels']);
const ORDER_FIELDS = new Set(['key', 'created']);
const TOKEN = /\s*(?:"((?:[^"\\]|\\.)*)"|([(),=])|([A-Za-z0-9_.-]+))/y;

type Token = { kind: 'string' | 'word' | 'symbol'; text: string };

/**
 * The part of JQL the sandbox answers: `project` and `labels` restrictions with `=` or `in (…)`, joined by
 * `AND`, and an optional `ORDER BY key|created [ASC|DESC]`. Anything else is refused the way Jira refuses a
 * query it cannot parse, so a client relying on more JQL fails here rather than in production. A query with no
 * restriction is refused as Jira's `search/jql` refuses unbounded queries.
 */
export function parseJql(jql: string): JqlQuery {
  const tokens = tokenize(jql);
  let at = 0;
  const peek = () => tokens[at];
  const word = (expected: string) => peek()?.kind === 'word' && peek()!.text.toUpperCase() === expected;
  const next = (what: string): Token => {
    const token = tokens[at++];
    if (!token) throw jqlError(`Expecting ${what} but reached the end of the query.`);
    return token;
  };
  const value = (): string => {
    const token = next('a value');
    if (token.kind === 'symbol') throw jqlError(`Expecting a value but got '${token.text}'.`);
    return token.text;
  };
  const clauses: JqlClause[] = [];
  while (peek() && !word('ORDER')) {
    if (clauses.length > 0) {
      if (!word('AND')) throw jqlError(`Expecting 'AND' or 'ORDER BY' but got '${peek()!.text}'.`);
      at++;
    }
    const field = next('a field').text.toLowerCase();
    if (!FIELDS.has(field as JqlClause['field'])) {
      throw new JiraHttpError(
        400,
        `Field '${field}' does not exist or you do not have permission to view it.`,
      );
    }
    const operator = next("'=' or 'in'");
    if (operator.text === '=') {
      clauses.push({ field: field as JqlClause['field'], values: [value()] });
    } else if (operator.text.toUpperCase() === 'IN' && next("'('").text === '(') {
      const values = [value()];
      while (peek()?.text === ',') {
        at++;
        values.push(value());
      }
      if (next("')'").text !== ')') throw jqlError("Expecting ')' to close the list of values.");
      clauses.push({ field: field as JqlClause['field'], values });
    } else {
      throw jqlError(`The operator '${operator.text}' is not supported by the field '${field}'.`);
    }
  }
  let orderBy: JqlQuery['orderBy'] = null;
  if (word('ORDER')) {
    at++;
    if (!word('BY')) throw jqlError("Expecting 'BY' after 'ORDER'.");
    at++;
    const field = next('a field to order by').text.toLowerCase();
    if (!ORDER_FIELDS.has(field)) throw jqlError(`Ordering by '${field}' is not supported.`);
    const direction = word('ASC') || word('DESC') ? (next('').text.toUpperCase() as 'ASC' | 'DESC') : 'ASC';
    orderBy = { field: field as 'key' | 'created', direction };
  }
  if (peek()) throw jqlError(`Unexpected '${peek()!.text}' at the end of the query.`);
  if (clauses.length === 0) {
    throw new JiraHttpError(
      400,
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  }
  return { clauses, orderBy };
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < jql.length) {
    if (/^\s*$/.test(jql.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(jql);
    if (!match) throw jqlError(`The character '${jql.slice(start).trim()[0]}' is not allowed here.`);
    if (match[1] !== undefined) tokens.push({ kind: 'string', text: match[1].replace(/\\(.)/g, '$1') });
    else if (match[2] !== undefined) tokens.push({ kind: 'symbol', text: match[2] });
    else tokens.push({ kind: 'word', text: match[3]! });
  }
  return tokens;
}

function jqlError(detail: string): JiraHttpError {
  return new JiraHttpError(400, `Error in the JQL Query: ${detail}`);
}
