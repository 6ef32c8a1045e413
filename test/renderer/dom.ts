// Driving the app in jsdom as a user would: find controls by role and accessible name, click,
// type, choose, and let React and the stores settle.
import { act } from 'react';

export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

const IMPLICIT: Record<string, string> = {
  button: 'button', heading: 'h2, h3', textbox: 'input:not([type=checkbox])', checkbox: 'input[type=checkbox]', combobox: 'select',
};

/** Elements of `role` named `name` (aria-label, a label, else the text), in document order. */
export function allByRole(container: HTMLElement, role: string, name: string | RegExp): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(`[role="${role}"]${IMPLICIT[role] ? `, ${IMPLICIT[role]}` : ''}`))
    .filter((element) => {
      const label = element.getAttribute('aria-label') ?? element.closest('label')?.textContent ?? element.textContent ?? '';
      return typeof name === 'string' ? label.trim() === name : name.test(label);
    });
}

export function byRole(container: HTMLElement, role: string, name: string | RegExp): HTMLElement {
  const found = allByRole(container, role, name);
  if (found.length === 0) throw new Error(`no ${role} named ${name}`);
  return found[0]!;
}

export async function click(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
  });
  await flush();
}

/** Set a control's value the way typing does (React listens for the native setter's event). */
export async function setValue(element: HTMLInputElement | HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    const prototype = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
  await flush();
}

export async function submit(input: HTMLInputElement): Promise<void> {
  await act(async () => input.form!.requestSubmit());
  await flush();
}

export async function key(element: HTMLElement, init: KeyboardEventInit): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
  await flush();
}
