// A stand-in for the host: kept apart from the app's modules so that vi.mock's factory does not
// load the module it is replacing.
import { vi } from 'vitest';

/** A stand-in for every export of src/api.ts, for
 * `vi.mock('../src/api', async () => (await import('./apiMock')).apiMock())`. One list, so a new
 * host command is added in one place. */
export function apiMock() {
  return {
    session: vi.fn(),
    listArticles: vi.fn(),
    getArticle: vi.fn(),
    importText: vi.fn(),
    importFile: vi.fn(),
    importUrl: vi.fn(),
    importFolder: vi.fn(),
    listClaims: vi.fn(),
    createClaim: vi.fn(),
    updateClaim: vi.fn(),
    listVersions: vi.fn(),
    getVersion: vi.fn(),
    compareVersions: vi.fn(),
    confirmAnchor: vi.fn(),
    reattachClaim: vi.fn(),
    keepOnVersion: vi.fn(),
    listSuggestions: vi.fn(),
    acceptSuggestion: vi.fn(),
    dismissSuggestion: vi.fn(),
    restoreSuggestion: vi.fn(),
    claimHistory: vi.fn(),
    countExport: vi.fn(),
    exportClaims: vi.fn(),
    importClaims: vi.fn(),
    claimreviewSettings: vi.fn(),
    setClaimreviewSetting: vi.fn(),
    listReviewers: vi.fn(),
    chooseReviewer: vi.fn(),
    reviewClaim: vi.fn(),
    agreement: vi.fn(),
    onWindowClose: vi.fn(() => Promise.resolve(() => undefined)),
  };
}
