import { afterEach, describe, expect, it } from 'vitest';
import { dictionaries, initialLang, plural, ratingLabel, setLang, statusLabel, t } from '../src/i18n';
import type { Status } from '../src/api';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  afterEach(() => setLang('en', null));

  it('has the same keys in both languages', () => {
    expect(Object.keys(dictionaries.fr).sort()).toEqual(Object.keys(dictionaries.en).sort());
  });

  it('has non-empty strings with the same placeholders in both languages', () => {
    for (const key of Object.keys(dictionaries.en) as (keyof typeof dictionaries.en)[]) {
      expect(dictionaries.en[key].trim(), key).not.toBe('');
      expect(dictionaries.fr[key].trim(), key).not.toBe('');
      expect(placeholders(dictionaries.fr[key]), key).toEqual(placeholders(dictionaries.en[key]));
    }
  });

  it('labels every status in both languages', () => {
    const statuses: Status[] = ['draft', 'in_review', 'reviewed', 'published', 'rejected'];
    setLang('en', null);
    expect(statuses.map(statusLabel)).toEqual(['Draft', 'In review', 'Reviewed', 'Published', 'Rejected']);
    setLang('fr', null);
    expect(statuses.map(statusLabel)).toEqual(['Brouillon', 'En relecture', 'Vérifié', 'Publié', 'Rejeté']);
  });

  it('fills placeholders and picks plural forms per language', () => {
    setLang('en', null);
    expect(plural(1, 'claimCountOne', 'claimCountMany')).toBe('1 claim');
    expect(plural(0, 'claimCountOne', 'claimCountMany')).toBe('0 claims');
    expect(t('exportedMany', { n: 3, path: '/x.json' })).toBe('Exported 3 claims to /x.json');
    setLang('fr', null);
    expect(plural(0, 'claimCountOne', 'claimCountMany')).toBe('0 affirmation');
    expect(plural(2, 'claimCountOne', 'claimCountMany')).toBe('2 affirmations');
    expect(t('saveFailed', { message: 'verrou' })).toBe('Non enregistré\u00a0: verrou');
  });

  it('uses the scale labels for verdicts', () => {
    const rating = { key: 'false', value: 0, label_en: 'False', label_fr: 'Faux', colour: '#c00' };
    setLang('fr', null);
    expect(ratingLabel(rating)).toBe('Faux');
    setLang('en', null);
    expect(ratingLabel(rating)).toBe('False');
  });

  it('defaults to the remembered language, else the system language', () => {
    const store = (value: string | null) => ({ getItem: () => value });
    expect(initialLang(store(null), 'fr-CA')).toBe('fr');
    expect(initialLang(store(null), 'de-DE')).toBe('en');
    expect(initialLang(store(null), undefined)).toBe('en');
    expect(initialLang(store('en'), 'fr-FR')).toBe('en');
    expect(initialLang(store('fr'), 'en-US')).toBe('fr');
    expect(initialLang(store('xx'), 'fr')).toBe('fr');
    const saved: Record<string, string> = {};
    setLang('fr', { setItem: (k: string, v: string) => void (saved[k] = v) });
    expect(saved['claimdesk.lang']).toBe('fr');
  });
});
