import { describe, expect, it, vi } from 'vitest';
import { el, errorMessage, replace } from '../src/dom';

describe('el', () => {
  it('puts strings in as text, never as markup', () => {
    const node = el('p', { class: 'x', 'data-start': 3 }, '<img src=x onerror=alert(1)>', ' & ', 5);
    expect(node.childNodes.length).toBe(3);
    expect(node.querySelector('img')).toBeNull();
    expect(node.textContent).toBe('<img src=x onerror=alert(1)> & 5');
    expect(node.className).toBe('x');
    expect(node.dataset.start).toBe('3');
  });

  it('sets boolean attributes and listeners, and refuses inline styles and handlers', () => {
    const click = vi.fn();
    const button = el('button', { hidden: true, disabled: false, onclick: click });
    expect(button.hidden).toBe(true);
    expect(button.hasAttribute('disabled')).toBe(false);
    button.click();
    expect(click).toHaveBeenCalledTimes(1);
    expect(() => el('div', { style: 'color:red' })).toThrow();
    expect(() => el('div', { onclick: 'alert(1)' })).toThrow();
  });

  it('replaces children', () => {
    const node = el('div', null, 'a', el('span', null, 'b'));
    replace(node, 'c');
    expect(node.textContent).toBe('c');
    expect(node.childNodes.length).toBe(1);
  });
});

describe('errorMessage', () => {
  it('reads what a Tauri command rejects with', () => {
    expect(errorMessage('claim not found')).toBe('claim not found');
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage({ message: 'locked' })).toBe('locked');
    expect(errorMessage({ kind: 'Io' })).toBe('{"kind":"Io"}');
    expect(errorMessage(42)).toBe('42');
  });
});
