import { etagOf } from '@threadline/platform';

/** The release's version: any state change moves it. */
export function releaseEtag(release: { id: string; state: string; updatedAt: string }): string {
  return etagOf(release.id, release.state, release.updatedAt);
}
