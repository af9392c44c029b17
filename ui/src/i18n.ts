// Every string the UI shows, in English and French. Verdict labels come from the rating scale.
import type { Rating, Status } from './api';

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

const en = {
  appName: 'claimdesk',
  reviewerTitle: 'Reviewing as',
  importFile: 'Import file…',
  importPaste: 'Paste text…',
  importFolder: 'Import folder…',
  importFolderTitle: 'Import every article file of a folder (and its subfolders)',
  pasteUrlHint: 'Paste the article text, or leave it empty to download the address.',
  pasteFetch: 'Fetch and import',
  fetching: 'Downloading…',
  newVersionImported:
    'New version {n} of “{title}” imported. Claims made on earlier versions are listed apart until they are re-anchored.',
  folderImporting: 'Importing folder…',
  progressCount: '{done} / {total}',
  progressSkippedOne: '{n} skipped',
  progressSkippedMany: '{n} skipped',
  folderImportedOne: 'Imported {n} article',
  folderImportedMany: 'Imported {n} articles',
  newVersionsOne: '{n} new version',
  newVersionsMany: '{n} new versions',
  alreadyThereOne: '{n} already there',
  alreadyThereMany: '{n} already there',
  filesSkippedOne: '{n} file skipped',
  filesSkippedMany: '{n} files skipped',
  folderSummary: '{imported} ({versions}, {existing}); {skipped}',
  skippedDetails: 'Show the skipped files and why',
  skippedItem: '{path} — {error}',
  metaVersion: 'version {n}',
  metaUpdated: 'updated {date}',
  claimsEarlier: 'On an earlier version',
  claimVersion: 'version {n}',
  claimsEmptyVersion:
    'No claims on this version yet. Select a passage in the article, then press “Make claim” (or Enter).',
  claimOnEarlierVersion:
    'Made on version {n} of the article: its passage is not highlighted in the text shown until it is re-anchored.',
  exportJson: 'Export reviewed…',
  exportTitleOne: 'Export the reviewed and published claims of this article as JSON',
  exportTitleAll: 'Export the reviewed and published claims of all articles as JSON',
  langTitle: 'Language: English — switch to French',
  articlesHeading: 'Articles',
  articlesEmpty:
    'No articles yet. Use “Import file…” to open an HTML or text file, or “Paste text…” to paste an article.',
  untitled: 'Untitled article',
  claimCountOne: '{n} claim',
  claimCountMany: '{n} claims',
  noArticleTitle: 'No article open',
  noArticleHint: 'Pick an article on the left, or import one.',
  loading: 'Loading…',
  claimsHeading: 'Claims',
  claimsEmpty: 'No claims yet. Select a passage in the article, then press “Make claim” (or Enter).',
  makeClaim: 'Make claim',
  makeClaimTitle: 'Make a claim of the selected passage (Enter or N)',
  editorHeading: 'Selected claim',
  editorEmpty: 'Select a claim in the list or in the article to edit it.',
  claimant: 'Claimant',
  claimantPlaceholder: 'Who made the claim',
  verdict: 'Verdict',
  noVerdict: '— no verdict —',
  noVerdictShort: 'No verdict',
  status: 'Status',
  note: 'Note',
  notePlaceholder: 'Sources, reasoning…',
  sectionClaim: 'Claim',
  sectionVerdict: 'Verdict',
  sectionWorkflow: 'Workflow',
  statement: 'Statement (one sentence)',
  statementPlaceholder: 'What is claimed, in one sentence',
  statementCount: '{n}/75',
  statementTooLong: 'Over 75 characters: ClaimReview readers show about one line',
  claimType: 'Type',
  type_none: '— type —',
  type_quantity: 'Quantity',
  type_prediction: 'Prediction',
  type_correlation_causation: 'Correlation/causation',
  type_laws_rules: 'Laws & rules',
  type_personal_experience: 'Personal experience',
  type_other: 'Other',
  claimantRole: 'Role or organisation',
  claimantRolePlaceholder: 'e.g. Minister of the economy',
  claimantUrl: 'Claimant’s page (URL)',
  rationale: 'Rationale',
  rationalePlaceholder: 'Why this verdict…',
  evidence: 'Sources',
  evidenceEmpty: 'No sources yet.',
  evidenceAccessed: 'accessed {date}',
  evidenceUrl: 'Source URL',
  evidenceTitle: 'Title',
  evidenceQuote: 'Quoted passage',
  evidenceStance: 'Stance',
  stance_none: '—',
  stance_supports: 'supports',
  stance_refutes: 'refutes',
  evidenceAdd: 'Add source',
  evidenceAddHeading: 'Add a source',
  evidenceUrlRequired: 'A source needs its URL.',
  assignee: 'Assigned to',
  assigneePlaceholder: 'Reviewer’s name',
  tags: 'Tags',
  tagInputPlaceholder: 'Add a tag, then Enter',
  removeTag: 'Remove tag “{tag}”',
  tagsEmpty: 'No tags.',
  saved: 'Saved',
  saving: 'Saving…',
  saveFailed: 'Not saved: {message}',
  retry: 'Retry',
  claimMeta: 'Created by {reviewer} · last change by {modifiedBy}, {modified}',
  history: 'History',
  historyCountOne: 'History ({n} change)',
  historyCountMany: 'History ({n} changes)',
  historyEmpty: 'No changes recorded.',
  historyFailed: 'Could not load the history: {message}',
  historyField: '{field}:',
  status_draft: 'Draft',
  status_in_review: 'In review',
  status_reviewed: 'Reviewed',
  status_published: 'Published',
  status_rejected: 'Rejected',
  pasteHeading: 'Paste an article',
  pasteText: 'Article text',
  pasteTextHint: 'Paste the article’s text; separate paragraphs with a blank line.',
  pasteUrl: 'Where it came from (URL)',
  urlPlaceholder: 'https://…',
  quoted: '“{text}”',
  pasteSubmit: 'Import',
  cancel: 'Cancel',
  dismiss: 'Dismiss',
  error: 'Error',
  exportedOne: 'Exported {n} claim to {path}',
  exportedMany: 'Exported {n} claims to {path}',
  imported: 'Imported “{title}”.',
  alreadyImported: '“{title}” was already imported; showing the stored copy.',
} as const;

export type Key = keyof typeof en;

const fr: Record<Key, string> = {
  appName: 'claimdesk',
  reviewerTitle: 'Vérification au nom de',
  importFile: 'Importer un fichier…',
  importPaste: 'Coller un texte…',
  importFolder: 'Importer un dossier…',
  importFolderTitle: 'Importer tous les fichiers d’articles d’un dossier (et de ses sous-dossiers)',
  pasteUrlHint: 'Collez le texte de l’article, ou laissez-le vide pour télécharger l’adresse.',
  pasteFetch: 'Télécharger et importer',
  fetching: 'Téléchargement…',
  newVersionImported:
    'Nouvelle version {n} de «\u00a0{title}\u00a0» importée. Les affirmations faites sur les versions antérieures sont listées à part jusqu’à ce qu’elles soient réancrées.',
  folderImporting: 'Import du dossier…',
  progressCount: '{done} sur {total}',
  progressSkippedOne: '{n} ignoré',
  progressSkippedMany: '{n} ignorés',
  folderImportedOne: '{n} article importé',
  folderImportedMany: '{n} articles importés',
  newVersionsOne: '{n} nouvelle version',
  newVersionsMany: '{n} nouvelles versions',
  alreadyThereOne: '{n} déjà présent',
  alreadyThereMany: '{n} déjà présents',
  filesSkippedOne: '{n} fichier ignoré',
  filesSkippedMany: '{n} fichiers ignorés',
  folderSummary: '{imported} ({versions}, {existing})\u00a0; {skipped}',
  skippedDetails: 'Voir les fichiers ignorés et pourquoi',
  skippedItem: '{path} — {error}',
  metaVersion: 'version {n}',
  metaUpdated: 'mis à jour le {date}',
  claimsEarlier: 'Sur une version antérieure',
  claimVersion: 'version {n}',
  claimsEmptyVersion:
    'Aucune affirmation sur cette version. Sélectionnez un passage de l’article, puis cliquez sur «\u00a0Créer une affirmation\u00a0» (ou appuyez sur Entrée).',
  claimOnEarlierVersion:
    'Faite sur la version {n} de l’article\u00a0: son passage n’est pas surligné dans le texte affiché tant qu’elle n’est pas réancrée.',
  exportJson: 'Exporter les vérifiés…',
  exportTitleOne: 'Exporter en JSON les affirmations vérifiées et publiées de cet article',
  exportTitleAll: 'Exporter en JSON les affirmations vérifiées et publiées de tous les articles',
  langTitle: 'Langue\u00a0: français — passer en anglais',
  articlesHeading: 'Articles',
  articlesEmpty:
    'Aucun article pour l’instant. Utilisez «\u00a0Importer un fichier…\u00a0» pour ouvrir un fichier HTML ou texte, ou «\u00a0Coller un texte…\u00a0» pour coller un article.',
  untitled: 'Article sans titre',
  claimCountOne: '{n} affirmation',
  claimCountMany: '{n} affirmations',
  noArticleTitle: 'Aucun article ouvert',
  noArticleHint: 'Choisissez un article à gauche, ou importez-en un.',
  loading: 'Chargement…',
  claimsHeading: 'Affirmations',
  claimsEmpty:
    'Aucune affirmation. Sélectionnez un passage de l’article, puis cliquez sur «\u00a0Créer une affirmation\u00a0» (ou appuyez sur Entrée).',
  makeClaim: 'Créer une affirmation',
  makeClaimTitle: 'Créer une affirmation à partir du passage sélectionné (Entrée ou N)',
  editorHeading: 'Affirmation sélectionnée',
  editorEmpty: 'Sélectionnez une affirmation dans la liste ou dans l’article pour la modifier.',
  claimant: 'Auteur de l’affirmation',
  claimantPlaceholder: 'Qui a fait cette affirmation',
  verdict: 'Verdict',
  noVerdict: '— sans verdict —',
  noVerdictShort: 'Sans verdict',
  status: 'Statut',
  note: 'Note',
  notePlaceholder: 'Sources, raisonnement…',
  sectionClaim: 'Affirmation',
  sectionVerdict: 'Verdict',
  sectionWorkflow: 'Suivi',
  statement: 'Affirmation (une phrase)',
  statementPlaceholder: 'Ce qui est affirmé, en une phrase',
  statementCount: '{n}/75',
  statementTooLong: 'Plus de 75\u00a0caractères\u00a0: les lecteurs ClaimReview en affichent environ une ligne',
  claimType: 'Type',
  type_none: '— type —',
  type_quantity: 'Quantité',
  type_prediction: 'Prédiction',
  type_correlation_causation: 'Corrélation/causalité',
  type_laws_rules: 'Lois et règles',
  type_personal_experience: 'Expérience personnelle',
  type_other: 'Autre',
  claimantRole: 'Fonction ou organisation',
  claimantRolePlaceholder: 'p. ex. ministre de l’Économie',
  claimantUrl: 'Page de l’auteur (URL)',
  rationale: 'Justification',
  rationalePlaceholder: 'Pourquoi ce verdict…',
  evidence: 'Sources',
  evidenceEmpty: 'Aucune source pour l’instant.',
  evidenceAccessed: 'consultée le {date}',
  evidenceUrl: 'URL de la source',
  evidenceTitle: 'Titre',
  evidenceQuote: 'Passage cité',
  evidenceStance: 'Position',
  stance_none: '—',
  stance_supports: 'confirme',
  stance_refutes: 'réfute',
  evidenceAdd: 'Ajouter la source',
  evidenceAddHeading: 'Ajouter une source',
  evidenceUrlRequired: 'Une source doit avoir son URL.',
  assignee: 'Attribuée à',
  assigneePlaceholder: 'Nom du vérificateur',
  tags: 'Étiquettes',
  tagInputPlaceholder: 'Ajouter une étiquette, puis Entrée',
  removeTag: 'Retirer l’étiquette «\u00a0{tag}\u00a0»',
  tagsEmpty: 'Aucune étiquette.',
  saved: 'Enregistré',
  saving: 'Enregistrement…',
  saveFailed: 'Non enregistré\u00a0: {message}',
  retry: 'Réessayer',
  claimMeta: 'Créée par {reviewer} · dernière modification par {modifiedBy}, {modified}',
  history: 'Historique',
  historyCountOne: 'Historique ({n} modification)',
  historyCountMany: 'Historique ({n} modifications)',
  historyEmpty: 'Aucune modification enregistrée.',
  historyFailed: 'Impossible de charger l’historique\u00a0: {message}',
  historyField: '{field}\u00a0:',
  status_draft: 'Brouillon',
  status_in_review: 'En relecture',
  status_reviewed: 'Vérifié',
  status_published: 'Publié',
  status_rejected: 'Rejeté',
  pasteHeading: 'Coller un article',
  pasteText: 'Texte de l’article',
  pasteTextHint: 'Collez le texte de l’article\u00a0; séparez les paragraphes par une ligne vide.',
  pasteUrl: 'Provenance (URL)',
  urlPlaceholder: 'https://…',
  quoted: '«\u00a0{text}\u00a0»',
  pasteSubmit: 'Importer',
  cancel: 'Annuler',
  dismiss: 'Fermer',
  error: 'Erreur',
  exportedOne: '{n} affirmation exportée vers {path}',
  exportedMany: '{n} affirmations exportées vers {path}',
  imported: '«\u00a0{title}\u00a0» importé.',
  alreadyImported: '«\u00a0{title}\u00a0» était déjà importé\u00a0; voici l’exemplaire enregistré.',
};

export const dictionaries: Record<Lang, Record<Key, string>> = { en, fr };

const STORAGE_KEY = 'claimdesk.lang';
let current: Lang = 'en';

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang, storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  current = next;
  try {
    storage?.setItem(STORAGE_KEY, next);
  } catch {
    /* storage may be unavailable; the choice then lasts for this session only */
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The remembered language, else the system's (French for any fr-*), else English. */
export function initialLang(
  storage: Pick<Storage, 'getItem'> | null = safeStorage(),
  navigatorLanguage: string | undefined = typeof navigator === 'undefined' ? undefined : navigator.language,
): Lang {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    stored = null;
  }
  if (stored === 'en' || stored === 'fr') return stored;
  return navigatorLanguage?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The string for `key` in the current language, with {name} placeholders filled in. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const template = dictionaries[current][key] ?? dictionaries.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Singular for 1 (English) or 0–1 (French), plural otherwise. */
export function plural(n: number, one: Key, many: Key, params: Record<string, string | number> = {}): string {
  const singular = current === 'fr' ? n < 2 : n === 1;
  return t(singular ? one : many, { n, ...params });
}

export function statusLabel(status: Status): string {
  const key = `status_${status}` as Key;
  return key in en ? t(key) : status;
}

export function ratingLabel(rating: Rating): string {
  return (current === 'fr' ? rating.label_fr : rating.label_en) || rating.key;
}

/** "YYYY-MM-DD" as a date in the UI language; anything unparseable is returned as it is. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  try {
    return new Intl.DateTimeFormat(current === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium' }).format(date);
  } catch {
    return iso;
  }
}

/** A timestamp (RFC 3339 or similar) as date and time in the UI language. */
export function formatTimestamp(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  try {
    return new Intl.DateTimeFormat(current === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(date);
  } catch {
    return value;
  }
}

/**
 * Fills the static strings of `root` from data attributes: data-i18n (text content),
 * data-i18n-placeholder, data-i18n-title and data-i18n-aria-label.
 */
export function applyI18n(root: ParentNode): void {
  const attrs: [string, string][] = [
    ['i18nPlaceholder', 'placeholder'],
    ['i18nTitle', 'title'],
    ['i18nAriaLabel', 'aria-label'],
  ];
  for (const node of Array.from(root.querySelectorAll<HTMLElement>('[data-i18n], [data-i18n-placeholder], [data-i18n-title], [data-i18n-aria-label]'))) {
    const key = node.dataset.i18n;
    if (key && key in en) node.textContent = t(key as Key);
    for (const [data, attr] of attrs) {
      const k = node.dataset[data];
      if (k && k in en) node.setAttribute(attr, t(k as Key));
    }
  }
}
