// Article text and every host or user string reach the DOM as text only; the CSP forbids
// inline scripts and styles and eval. This scans the sources for the APIs that would break that.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

const FORBIDDEN: [string, RegExp][] = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\b/],
  ['eval', /(^|[^\w.$])eval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['Function(...) constructor', /(^|[^\w.$])Function\s*\(/],
  ['setTimeout/setInterval with a string', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser', /\bDOMParser\b/],
  ['srcdoc', /\bsrcdoc\b/],
  ['javascript: URL', /javascript:/i],
  ['inline style attribute', /setAttribute\(\s*['"`]style['"`]/],
  ['inline event handler attribute', /setAttribute\(\s*['"`]on\w+['"`]/],
];

describe('forbidden APIs', () => {
  const files = tsFiles(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files.some((f) => f.endsWith('main.ts'))).toBe(true);
  });

  for (const [name, pattern] of FORBIDDEN) {
    it(`uses no ${name}`, () => {
      const hits: string[] = [];
      for (const file of files) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (pattern.test(line)) hits.push(`${relative(SRC, file)}:${i + 1}: ${line.trim()}`);
          });
      }
      expect(hits).toEqual([]);
    });
  }

  it('the scanner itself catches a forbidden line', () => {
    const sample = 'node.innerHTML = text; setTimeout("x()", 1); const f = new Function("a");';
    const caught = FORBIDDEN.filter(([, p]) => p.test(sample)).map(([n]) => n);
    expect(caught).toEqual(['innerHTML', 'new Function', 'Function(...) constructor', 'setTimeout/setInterval with a string']);
  });

  it('loads no external asset from the stylesheet', () => {
    const css = readFileSync(join(SRC, 'style.css'), 'utf8');
    expect(css).not.toMatch(/@import/);
    expect(css).not.toMatch(/url\(/);
    expect(css).not.toMatch(/@font-face/);
  });

  it('keeps index.html free of inline scripts and styles', () => {
    const html = readFileSync(join(__dirname, '..', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBe(1);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/https?:\/\//);
  });
});
