/**
 * Prints the Usage page's CSV for a window, built by the project's own TypeScript: the SDK fetches
 * the five daily reports and the token usage report, `mergeUsage` merges them and `toCsv` writes them, with one `tool:<name>`
 * column per tool after the scalar columns, as the dashboard's `usageCsv` (web/src/pages/Usage.tsx)
 * does. That page module needs a browser to load, so its few lines of column layout are repeated here.
 *
 * node --import tsx dashboard_usage_csv.ts <url> <api key> <start_date> <end_date> [company_id]
 */
import { ChatlensClient, mergeUsage, toCsv } from '../../../src/client/index.js';

const [url, apiKey, start, end, company] = process.argv.slice(2);
const companyId = company ? Number(company) : undefined;
const sdk = new ChatlensClient({ baseUrl: url, apiKey });
const q = { start_date: start, end_date: end, ...(companyId ? { company_id: companyId } : {}) };
const [chatSessions, chatsFeedback, tools, usedDocuments, userActivities, tokenUsage] = await Promise.all([
  sdk.reporting.chatSessions(q),
  sdk.reporting.chatsFeedback(q),
  sdk.reporting.tools(q),
  sdk.reporting.usedDocuments(q),
  sdk.reporting.userActivities(q),
  sdk.usage.tokens(q),
]);
const rows = mergeUsage({ chatSessions, chatsFeedback, tools, usedDocuments, userActivities, tokenUsage }, companyId ?? null);
const toolNames = [...new Set(rows.flatMap((r) => Object.keys(r.tools)))].sort();
process.stdout.write(
  toCsv(rows.map(({ tools: perTool, ...columns }) => ({ ...columns, ...Object.fromEntries(toolNames.map((t) => [`tool:${t}`, perTool[t] ?? 0])) }))),
);
