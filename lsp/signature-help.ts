import type { Position, SignatureHelp } from 'vscode-languageserver/node.js';
import { functions } from '../language/check.js';
import { aggregateWindowDoc, callForms, resultText } from './describe.js';
import { textBefore, tokenName } from './text-context.js';

interface OpenCall {
  name: string;
  commas: number;
  sawWhere: boolean;
}

/** The innermost call the cursor is inside, from the tokens before it (the text need not parse). */
function openCall(text: string, offset: number): OpenCall | undefined {
  const { tokens, inCommentOrString } = textBefore(text, offset);
  if (inCommentOrString) return undefined;
  const stack: (OpenCall | undefined)[] = [];
  tokens.forEach((token, index) => {
    const name = tokenName(token);
    if (name === 'LParen') {
      const callee = tokens[index - 1];
      stack.push(
        callee && functions[callee.image] ? { name: callee.image, commas: 0, sawWhere: false } : undefined,
      );
    } else if (name === 'RParen') stack.pop();
    else if (name === 'Comma' && stack.length) {
      const top = stack[stack.length - 1];
      if (top) top.commas++;
    } else if (name === 'Kw_where' && stack.length) {
      const top = stack[stack.length - 1];
      if (top) top.sawWhere = true;
    }
  });
  return stack[stack.length - 1];
}

/** Signature help for functions: which form, and which parameter the cursor is on. */
export function signatureHelp(text: string, offset: number, _position: Position): SignatureHelp | null {
  const call = openCall(text, offset);
  const signature = call && functions[call.name];
  const forms = call && callForms[call.name];
  if (!call || !signature || !forms?.length) return null;
  const scalarForm = forms.length > 1 && call.commas > 0 ? 1 : 0;
  const form = forms[scalarForm]!;
  const activeParameter =
    form.parameters.length > 1 && form.parameters[1] === 'where filter'
      ? call.sawWhere
        ? 1
        : 0
      : Math.min(call.commas, form.parameters.length - 1);
  return {
    signatures: forms.map((f) => ({
      label: `${f.label} → ${resultText(signature)}`,
      documentation: {
        kind: 'markdown',
        value: `${signature.doc}${signature.kind === 'aggregate' && f.parameters.includes('where filter') ? `\n\n${aggregateWindowDoc}` : ''}`,
      },
      parameters: f.parameters.map((label) => ({ label })),
    })),
    activeSignature: scalarForm,
    activeParameter,
  };
}
