import type { FileDownload } from '../../lark/resources.ts';
import type { Send } from '../rounds/ports.ts';

/** 成效报送 settings from the configuration (RESULTS_LEAD_DAYS, RESULTS_MAX_BYTES). */
export interface ResultsSettings {
  leadDays: number;
  maxBytes: number;
}

export const DEFAULT_RESULTS_SETTINGS: ResultsSettings = { leadDays: 30, maxBytes: 20 * 1024 * 1024 };

export interface IntakeDeps {
  send: Send;
  download: FileDownload;
  settings: ResultsSettings;
  timezone: string;
  now: Date;
}

/** Where 成效 reports go when the plan does not say (the seed names 运用促进司). */
export const DEFAULT_REPORT_TO = '运用促进司';
