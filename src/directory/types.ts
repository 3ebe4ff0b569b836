/** The directory file (docs/operations.md#directory-file), parsed and normalised. */
export interface DirectoryPerson {
  openId: string;
  name: string | null;
}

export interface DirectoryDepartment {
  /** full name, spaces removed (as the importer stores it) */
  name: string;
  aliases: string[];
  /** the chat its cards go to; null when the file leaves it to a chat command */
  chatId: string | null;
  /** who may report for it; null when the file does not say (keep the current ones) */
  reporters: DirectoryPerson[] | null;
}

export interface DirectoryLeadershipChat {
  name: string;
  chatId: string;
}

export interface DirectoryIndicatorOwner {
  indicator: string;
  department: string;
}

export interface ParsedDirectory {
  /** null when the file does not say (keep the current admins) */
  admins: DirectoryPerson[] | null;
  leadership: DirectoryLeadershipChat[];
  departments: DirectoryDepartment[];
  indicators: DirectoryIndicatorOwner[];
}

/** A department as known to the database, for name checks. */
export interface KnownDepartment {
  name: string;
  aliases: readonly string[];
}
