import { z } from 'zod';

// Department names in documents carry stray spaces (`公共 服务司`); the importer drops them, so do we.
export const normaliseName = (s: string) => s.replace(/\s+/g, '');

export const OPEN_ID = /^ou_[A-Za-z0-9_-]+$/;
export const CHAT_ID = /^oc_[A-Za-z0-9_-]+$/;

const name = z.string().trim().min(1, '不能为空').transform(normaliseName);
const openId = z.string().trim().regex(OPEN_ID, '须为 ou_ 开头的 open_id');
const chatId = z.string().trim().regex(CHAT_ID, '须为 oc_ 开头的群 ID');

const person = z.union([
  openId.transform((id) => ({ openId: id, name: null as string | null })),
  z
    .object({ open_id: openId, name: z.string().trim().min(1).optional() })
    .strict()
    .transform((p) => ({ openId: p.open_id, name: p.name ?? null })),
]);

const list = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? []);
// Absent means "leave as it is" (chat commands may have changed it); an empty list means "none".
const optionalList = <T extends z.ZodType>(item: T) => z.array(item).nullish().transform((v) => v ?? null);

export const directoryFileSchema = z
  .object({
    admins: optionalList(person),
    // Absent means "everyone who can reach the bot is checked as a member" (the default policy).
    visibility: z.enum(['members', 'open', 'own']).nullish().transform((v) => v ?? null),
    leadership: list(z.object({ name: z.string().trim().min(1), chat_id: chatId, leaders: optionalList(person) }).strict()),
    departments: list(
      z
        .object({
          name,
          aliases: list(name),
          chat_id: chatId.nullish(),
          reporters: optionalList(person),
          // who decides the 延期申请 of the tasks it leads; absent: keep, null: back to the admins
          approver: person.nullable().optional(),
        })
        .strict(),
    ),
    regions: list(
      z
        .object({
          name,
          aliases: list(name),
          chat_id: chatId.nullish(),
          reporters: optionalList(person),
          conditional: z
            .union([z.boolean(), z.array(z.number().int().positive())])
            .nullish()
            .transform((v) => (v === true ? true : Array.isArray(v) && v.length ? v : null)),
        })
        .strict(),
    ),
    indicators: z
      .record(z.string().trim().min(1), name)
      .nullish()
      .transform((v) => v ?? {}),
  })
  .strict();
