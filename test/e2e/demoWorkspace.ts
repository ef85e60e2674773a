/** The demo's workspace: a few source files with TODO comments, as a newcomer's project might have. */
export const DEMO_FILES: Record<string, string> = {
  'src/billing.ts': [
    'export function invoiceTotal(lines: { amount: number }[]): number {',
    '  // TODO: round per line, as the accounting team asked',
    '  return lines.reduce((sum, line) => sum + line.amount, 0);',
    '}',
    '',
  ].join('\n'),
  'scripts/sync.py': ['def sync():', '    # FIXME: retry when the CRM answers 429', '    pass', ''].join('\n'),
  'README.md': '# Demo workspace\n\nOpen the Lightfield view in the activity bar.\n',
};
