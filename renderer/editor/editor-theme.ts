// The editor's look, in CSS variables, so the app's light and dark themes restyle it without
// rebuilding the editor.
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'var(--syntax-keyword)' },
  { tag: [tags.definition(tags.function(tags.variableName)), tags.function(tags.variableName)], color: 'var(--syntax-function)' },
  { tag: [tags.className, tags.definition(tags.className)], color: 'var(--syntax-class)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--syntax-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--syntax-number)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--syntax-comment)', fontStyle: 'italic' },
  { tag: [tags.propertyName], color: 'var(--syntax-property)' },
  { tag: [tags.self, tags.atom], color: 'var(--syntax-keyword)' },
  { tag: [tags.operator, tags.punctuation], color: 'var(--syntax-punctuation)' },
  { tag: tags.variableName, color: 'var(--syntax-variable)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', color: 'var(--editor-fg)', backgroundColor: 'var(--editor-bg)', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '20px' },
  '.cm-content': { caretColor: 'var(--editor-fg)' },
  '.cm-cursor': { borderLeftColor: 'var(--editor-fg)' },
  '.cm-gutters': { backgroundColor: 'var(--editor-bg)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--editor-fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--editor-selection) !important' },
});

export const editorTheme = [theme, syntaxHighlighting(highlight)];
