import type { TFunction } from 'i18next';

/** A group of respondents as pages get it: the app's own three have a key, groups admins add only a name. */
export interface RespondentGroup {
  id: string;
  key: string | null;
  name: string;
}

/** The group's name in the reader's language (the app's own), or as the admin wrote it. */
export const respondentGroupName = (t: TFunction, group: { key: string | null; name: string }) =>
  group.key ? t(`respondentGroups.kinds.${group.key}`) : group.name;
