// Answers to inspection requests arrive as `unknown` in a response: check them here.
import { z } from 'zod';
import { Variable } from '../../core/protocol/index.js';
import type { EvaluationResult } from './ui-state.js';

const Variables = z.array(Variable);

export function parseVariables(result: unknown): Variable[] {
  const parsed = Variables.safeParse(result);
  if (!parsed.success) throw new Error('the engine answered with something that is not a list of variables');
  return parsed.data;
}

export function parseEvaluation(result: unknown): EvaluationResult {
  const parsed = Variable.safeParse(result);
  if (!parsed.success) return { ok: false, error: 'the engine answered with something that is not a value' };
  return { ok: true, value: parsed.data.value, type: parsed.data.type, ref: parsed.data.ref };
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
