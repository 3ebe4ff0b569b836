import type { Visibility } from '../domain/read-policy.ts';

/** The directory file (docs/operations.md#directory-file), parsed and normalised. */
export interface DirectoryPerson {
  openId: string;
  name: string | null;
}

export interface DirectoryDepartment {
  /**
   * Who decides the 延期申请 of the tasks this department leads, instead of the admins.
   * undefined: the file does not say (keep); null: none (the admins decide).
   */
  approver?: DirectoryPerson | null;
  /** full name, spaces removed (as the importer stores it) */
  name: string;
  aliases: string[];
  /** the chat its cards go to; null when the file leaves it to a chat command */
  chatId: string | null;
  /** who may report for it; null when the file does not say (keep the current ones) */
  reporters: DirectoryPerson[] | null;
}

/** A regional office: a department's shape plus its opt-in to 有条件的地区/有关地区 measures. */
export interface DirectoryRegion extends DirectoryDepartment {
  /** true: every 有条件的地区/有关地区 measure; a list: those of these task numbers; null: none */
  conditional: true | number[] | null;
  /** 1-based line of its `name:` in the file, for messages */
  line: number | null;
}

export interface DirectoryLeadershipChat {
  name: string;
  chatId: string;
  /** leaders who read the digest and who has not reported; null when the file does not say (keep) */
  leaders?: DirectoryPerson[] | null;
}

export interface DirectoryIndicatorOwner {
  indicator: string;
  department: string;
}

export interface ParsedDirectory {
  /** null when the file does not say (keep the current admins) */
  admins: DirectoryPerson[] | null;
  /** who reads what (domain/read-policy.ts); null when the file does not say (keep the current one) */
  visibility?: Visibility | null;
  leadership: DirectoryLeadershipChat[];
  departments: DirectoryDepartment[];
  /** the regional offices (docs/operations.md#directory-file); [] when the file has none */
  regions: DirectoryRegion[];
  indicators: DirectoryIndicatorOwner[];
}

/** A department as known to the database, for name checks. */
export interface KnownDepartment {
  name: string;
  aliases: readonly string[];
  /** department | region; absent means department */
  kind?: string;
}
