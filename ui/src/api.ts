// The only module that talks to the Rust host. Every offset crossing this boundary is in Unicode
// code points of the article's canonical text (see offsets.ts for the UTF-16 side of the DOM).
import { Channel, invoke } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';

export type Status = 'draft' | 'in_review' | 'reviewed' | 'published' | 'rejected';

export interface Article {
  id: string;
  title: string | null;
  byline: string | null;
  publisher: string | null;
  /** YYYY-MM-DD */
  published: string | null;
  /** YYYY-MM-DD: when the page says it was last updated. */
  modified: string | null;
  /** ISO 639-1 */
  language: string | null;
  url: string | null;
  sha256: string;
  /** The stored version shown (1 for the first import; a re-import of the same page with new
   * content adds one). */
  version: number;
  /** The canonical text: blocks separated by "\n\n". Absent in listings. */
  text?: string;
}

export interface ArticleSummary extends Article {
  /** How many claims the article has. */
  claims: number;
  /** Claims per status (statuses with no claims may be absent). */
  statuses: Partial<Record<Status, number>>;
  /** Claims per verdict key (claims without a verdict not counted). */
  verdicts: Record<string, number>;
}

export interface Reviewer {
  id: string;
  name: string;
  initials: string;
  /** CSS #rrggbb */
  colour: string;
  created: string;
}

/** An independent verdict given by a reviewer other than the claim's author ("second review"). */
export interface Review {
  reviewer: string;
  verdict: string;
  note: string | null;
  /** RFC 3339 */
  at: string;
}

export type ClaimType =
  | 'quantity'
  | 'prediction'
  | 'correlation_causation'
  | 'laws_rules'
  | 'personal_experience'
  | 'other';

/** A source consulted for the verdict. */
export interface Evidence {
  url: string;
  title: string | null;
  publisher: string | null;
  /** YYYY-MM-DD */
  accessed: string;
  /** The passage that supports or refutes the claim. */
  quote: string | null;
  stance: 'supports' | 'refutes' | null;
}

export type AnchorState = 'anchored' | 'moved' | 'changed' | 'orphaned';

export interface Claim {
  id: string;
  article_id: string;
  /** The article version the span refers to: the latest for a claim carried (anchored, moved,
   * changed) to it; for an orphan, the last version it was found in. Only claims on the version
   * shown are drawn on its text. */
  version: number;
  /** Code points, end exclusive. */
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  claimant: string | null;
  verdict: string | null;
  status: Status;
  note: string | null;
  reviewer: string;
  modified_by: string;
  created: string;
  modified: string;
  /** What is claimed, in one sentence (ClaimReview's claimReviewed); over 75 characters is too
   * long for ClaimReview readers (warn, don't refuse). */
  statement: string | null;
  type: ClaimType | null;
  /** The claimant's role or organisation. */
  claimant_role: string | null;
  /** A URL identifying the claimant (http/https). */
  claimant_url: string | null;
  /** Why the verdict (markdown, shown as plain text). */
  rationale: string | null;
  /** Sorted, no duplicates. */
  tags: string[];
  /** Oldest first. */
  evidence: Evidence[];
  /** The reviewer the claim is assigned to. */
  assignee: string | null;
  /** Independent verdicts by other reviewers, oldest first; one per reviewer (a new one replaces
   * theirs). The author's own verdict is `verdict`. */
  reviews: Review[];
  /** How the span fared when the article changed; see Claim.version for the version it refers to. */
  anchor_state: AnchorState;
  /** For a `changed` claim awaiting confirmation: the quote before the article changed (`quote` is the new text). */
  previous_quote: string | null;
  /** An orphan the reviewer kept as a claim about the version it refers to. */
  kept_on_version: boolean;
  /** The value claimdesk read, for a claim made from a suggestion (see Suggestion.value). */
  value?: SuggestionValue;
}

export type SuggestionType = 'quantity' | 'percent' | 'money' | 'date' | 'duration' | 'quote' | 'attribution';

/** A suggestion's normalised value: {number, unit?, vague?} for quantities and percentages,
 * {number, currency} for money, {date: YYYY[-MM[-DD]], granularity} for dates, {iso} for
 * durations, {speaker} for attributions, {} for quotes. */
export interface SuggestionValue {
  /** On a claim's value: the type of the suggestion it was read from. */
  type?: SuggestionType;
  number?: number;
  unit?: string;
  vague?: boolean;
  currency?: string;
  date?: string;
  granularity?: 'day' | 'month' | 'year';
  iso?: string;
  speaker?: string;
}

/** A check-worthy span claimdesk found in the latest version's text, with what reviewers did
 * with it. Offsets are code points. */
export interface Suggestion {
  start: number;
  end: number;
  text: string;
  type: SuggestionType;
  value: SuggestionValue;
  sentence_start: number;
  sentence_end: number;
  /** The sentence's check-worthiness in [0, 1]. */
  score: number;
  /** Index in the same list of the linked quote or attribution. */
  linked_to: number | null;
  /** Which suggestion of this type with this text it is (from 0): with them, its name. */
  occurrence: number;
  /** Who dismissed it (it stays dismissed for this article), or null. */
  dismissed_by: string | null;
  /** The claim covering it, or null. */
  claim_id: string | null;
}

/** What names a suggestion across recomputations and new versions. */
export interface SuggestionKey {
  type: SuggestionType;
  text: string;
  occurrence: number;
}

export interface Rating {
  key: string;
  /** Numeric value for exports; null when off the numeric scale (unverifiable). */
  value: number | null;
  label_en: string;
  label_fr: string;
  colour: string;
}

export interface RatingScale {
  key: string;
  name: string;
  ratings: Rating[];
}

export interface Session {
  /** The acting reviewer. */
  reviewer: Reviewer;
  /** True when --reviewer / CLAIMDESK_REVIEWER named the reviewer at start-up: no need to ask.
   * Otherwise the app asks who is reviewing (OS user name preselected = session.reviewer). */
  chosen: boolean;
  /** Desk setting review.second_reviewer: moving a claim to `reviewed` needs a review by someone
   * other than its author; the host refuses otherwise with a message. */
  second_reviewer: boolean;
  database: string;
  scale: RatingScale;
  /** For each status, the statuses a claim may move to. */
  transitions: Record<Status, Status[]>;
  /** Where the database was copied before this start upgraded its schema (absent or null: no
   * upgrade). */
  backup?: string | null;
}

export interface ImportOutcome {
  article: Article;
  /** True when the same bytes were imported before: nothing new was stored. */
  existing: boolean;
  /** True when the same page (same address) was imported before with other content: this import
   * is its new version. */
  new_version: boolean;
  /** For a new version: what became of the claims made on earlier ones. */
  carried: { anchored: number; moved: number; changed: number; orphaned: number } | null;
}

/** One stored version of an article (no text). */
export interface VersionSummary {
  number: number;
  sha256: string;
  title: string | null;
  url: string | null;
  published: string | null;
  modified: string | null;
  /** RFC 3339 */
  imported: string;
  imported_by: string;
  /** code points */
  chars: number;
  /** claims whose span refers to this version */
  claims: number;
}

/** A run of the word diff between two versions; offsets in code points of each version's text (null for the side it's not on). Kept+removed = old text, kept+added = new text. */
export interface Segment {
  kind: 'kept' | 'removed' | 'added';
  text: string;
  old_start: number | null;
  new_start: number | null;
}

/** One file handled by a folder import. */
export interface FolderProgress {
  done: number;
  total: number;
  path: string;
  /** Why this file was skipped, if it was. */
  error: string | null;
}

export interface FolderReport {
  imported: ImportOutcome[];
  failed: { path: string; error: string }[];
}

/** Agreement between independent verdicts over the claims that have at least two. */
export interface Agreement {
  claims: number;
  reviewers: string[];
  cohen_kappa: number | null;
  krippendorff_alpha: number | null;
}

/** The formats an export writes (the host's Format keys). */
export type ExportFormat = 'json' | 'csv' | 'claimreview' | 'webannotation' | 'markdown' | 'html' | 'checkthat';

/** Which claims an export takes. An empty or null value selects everything; `statuses` must not be
 * empty (the host would then take every status). */
export interface ExportChoice {
  statuses: Status[];
  /** One article, or null for every article. */
  article_id: string | null;
  /** Claims last changed on or after this day, YYYY-MM-DD (UTC). */
  since: string | null;
  /** Claims last changed on or before this day, YYYY-MM-DD (UTC). */
  until: string | null;
  /** Claims this reviewer made or gave an independent verdict on (a name). */
  reviewer: string | null;
  tag: string | null;
}

export interface ExportOutcome {
  /** The file written, or the folder when one file per claim was written (`split`). */
  path: string;
  claims: number;
  /** Not fatal, but worth telling the reviewer (a statement too long for a search snippet…). */
  warnings: string[];
  split: boolean;
}

/** A claim changed both on this desk and in the imported file: the newer won. */
export interface ImportConflict {
  claim_id: string;
  /** Whose version the claim now has; the other side's values are in its history. */
  kept: 'file' | 'desk';
  /** The Claim keys whose values differed. */
  fields: string[];
}

/** What importing a claim set did. */
export interface ImportReport {
  reviewers_created: number;
  articles_created: number;
  versions_added: number;
  claims_created: number;
  claims_updated: number;
  claims_unchanged: number;
  /** From a Web Annotation file: claims already here, left as they are. */
  claims_skipped: number;
  conflicts: ImportConflict[];
}

/** A setting the ClaimReview export needs (desk.name, desk.url, claimreview.url_pattern). */
export interface DeskSetting {
  key: string;
  /** null: not set. */
  value: string | null;
}

/** The fields a reviewer sets on a claim; a missing key leaves the field unchanged, "" clears it. */
export interface ClaimFields {
  claimant?: string;
  verdict?: string;
  status?: Status;
  note?: string;
  statement?: string;
  type?: ClaimType | '';
  claimant_role?: string;
  /** Must be an http(s) URL (the host refuses anything else with a message). */
  claimant_url?: string;
  rationale?: string;
  /** A reviewer's name, created on first use; "" unassigns. */
  assignee?: string;
  add_tags?: string[];
  remove_tags?: string[];
  /** url is required and must be http(s); accessed defaults to today (YYYY-MM-DD). */
  add_evidence?: {
    url: string;
    title?: string;
    publisher?: string;
    accessed?: string;
    quote?: string;
    stance?: 'supports' | 'refutes';
  };
}

export const session = () => invoke<Session>('session');
export const listArticles = () => invoke<ArticleSummary[]>('list_articles');
export const getArticle = (id: string) => invoke<Article>('get_article', { id });
/** Imports pasted text; `versionOf` names the article it is a new version of (else the host
 * decides: a new article, or a new version of the page with the same address). */
export const importText = (text: string, url: string | null, versionOf: string | null = null) =>
  invoke<ImportOutcome>('import_text', { text, url, versionOf });
/** Opens the system's file dialog on the host; null when the reviewer cancels. With `versionOf`,
 * the file is a new version of that article. */
export const importFile = (versionOf: string | null = null) => invoke<ImportOutcome | null>('import_file', { versionOf });
/** Downloads and imports a web page. */
export const importUrl = (url: string) => invoke<ImportOutcome>('import_url', { url });
/** Opens the system's folder dialog on the host and imports every file in the folder, reporting
 * each file as it is handled; null when the reviewer cancels. */
export const importFolder = (onProgress: (step: FolderProgress) => void) => {
  const channel = new Channel<FolderProgress>();
  channel.onmessage = onProgress;
  return invoke<FolderReport | null>('import_folder', { onProgress: channel });
};
/** The claims of one article, or (null) of every article. */
export const listClaims = (articleId: string | null) => invoke<Claim[]>('list_claims', { articleId });
export const createClaim = (articleId: string, start: number, end: number, fields: ClaimFields) =>
  invoke<Claim>('create_claim', { articleId, start, end, fields });
export const updateClaim = (id: string, fields: ClaimFields) =>
  invoke<Claim>('update_claim', { id, fields });
/** Every stored version of an article, oldest first. */
export const listVersions = (articleId: string) => invoke<VersionSummary[]>('list_versions', { articleId });
/** The article as version `number` shows it, with that version's text (Article.version = number). */
export const getVersion = (articleId: string, number: number) => invoke<Article>('get_version', { articleId, number });
/** The word diff from version `from` to version `to`. */
export const compareVersions = (articleId: string, from: number, to: number) =>
  invoke<Segment[]>('compare_versions', { articleId, from, to });
/** Accept the edited quote of a `changed` claim (→ anchored). */
export const confirmAnchor = (id: string) => invoke<Claim>('confirm_anchor', { id });
/** Put an orphaned (or changed) claim on a span of the article's LATEST version (code points). */
export const reattachClaim = (id: string, start: number, end: number) =>
  invoke<Claim>('reattach_claim', { id, start, end });
/** Keep an orphan as a claim about the version it refers to; later versions leave it there. Only orphans. */
export const keepOnVersion = (id: string) => invoke<Claim>('keep_on_version', { id });
/** The suggestions over the article's latest version, in text order. */
export const listSuggestions = (articleId: string) => invoke<Suggestion[]>('list_suggestions', { articleId });
/** Makes a claim of a suggestion, pre-filled with its type, value, claimant and sentence. */
export const acceptSuggestion = (articleId: string, key: SuggestionKey) =>
  invoke<Claim>('accept_suggestion', { articleId, key });
/** Dismisses a suggestion (and its linked quote or attribution) for this article. */
export const dismissSuggestion = (articleId: string, key: SuggestionKey) =>
  invoke<void>('dismiss_suggestion', { articleId, key });
/** Shows a dismissed suggestion again. */
export const restoreSuggestion = (articleId: string, key: SuggestionKey) =>
  invoke<void>('restore_suggestion', { articleId, key });
/** One change to one field of a claim; `field` is the Claim key (claimant, verdict, status, note…),
 * or `reviews` for a second review (new = "Name: verdict_key"). When the article changes:
 * `version` (the version number the span refers to), `quote` (its new text), `anchor_state`
 * (anchored, moved, changed, orphaned) and `kept_on_version` ("true"/"false"). */
export interface HistoryEntry {
  /** RFC 3339 UTC */
  at: string;
  reviewer: string;
  field: string;
  old: string | null;
  new: string | null;
}

/** Every recorded change to a claim, oldest first (its initial values included). */
export const claimHistory = (id: string) => invoke<HistoryEntry[]>('claim_history', { id });
export const listReviewers = () => invoke<Reviewer[]>('list_reviewers');
/** Makes `name` the acting reviewer (created on first use, like a git author); returns the new session. */
export const chooseReviewer = (name: string) => invoke<Session>('choose_reviewer', { name });
/** The acting reviewer's independent verdict on a claim someone else made; does not change the
 * claim's own verdict. The host refuses the claim's author. */
export const reviewClaim = (id: string, verdict: string, note: string | null) =>
  invoke<Claim>('review_claim', { id, verdict, note });
/** Agreement over claims with ≥2 verdicts (the claim's verdict counts as its author's), of one
 * article or (null) all. */
export const agreement = (articleId: string | null) => invoke<Agreement>('agreement', { articleId });

/** How many claims `choice` selects (the export dialog's live count). */
export const countExport = (choice: ExportChoice) => invoke<number>('count_export', { choice });
/** Exports the claims `choice` selects: the host checks the export first (rejecting with every
 * reason it refuses), then opens a save dialog — or, with `split` (ClaimReview only), a folder
 * dialog for one file per claim; null when the reviewer cancels. */
export const exportClaims = (format: ExportFormat, choice: ExportChoice, bom: boolean, split: boolean) =>
  invoke<ExportOutcome | null>('export_claims', { format, choice, bom, split });
/** Opens an open-file dialog on the host and merges the claimdesk JSON export picked into the
 * desk; null when the reviewer cancels. */
export const importClaims = () => invoke<ImportReport | null>('import_claims');
/** The three settings the ClaimReview export needs, with their values. */
export const claimreviewSettings = () => invoke<DeskSetting[]>('claimreview_settings');
/** Sets one of the ClaimReview settings; the host checks the value and rejects with why. */
export const setClaimreviewSetting = (key: string, value: string) =>
  invoke<void>('set_claimreview_setting', { key, value });

/** Holds the window open when the reviewer closes it until `beforeClose` settles (edits still on
 * their way to the database), for at most `limitMs`, then lets it close. */
export const onWindowClose = (beforeClose: () => Promise<void>, limitMs = 5000) =>
  getCurrentWindow().onCloseRequested(async () => {
    await Promise.race([beforeClose().catch(() => undefined), new Promise((done) => setTimeout(done, limitMs))]);
  });
