import type { InboundJobOf } from '../../contracts/inbound.ts';
import type { DbOrTx } from '../../db/client.ts';
import { readEvidenceFile } from '../../db/repositories/evidence.repository.ts';
import { extensionOf, larkFileTypeOf } from '../../domain/evidence.ts';
import type { Send } from '../rounds/ports.ts';

/**
 * 查看佐证文件 (the route checked the clicker may review): the stored file goes to the clicker's
 * private chat as a file message — uploaded to im/v1/files, then sent, through the outbox like the
 * exports (src/usecases/operations/run.ts). One send per click: the ref is the click's event.
 */
export async function sendEvidenceFile(db: DbOrTx, job: InboundJobOf<'evidence_file_send'>, deps: { send: Send }): Promise<'SENT' | 'GONE'> {
  const p = job.payload;
  const file = await readEvidenceFile(db, p.evidenceFileId);
  if (!file) {
    // removed with its task or unit since the card was sent
    await deps.send({ kind: 'send', to: { openId: p.openId }, content: { text: '该佐证文件已不存在（任务或单位已被移除）。' } }, { purpose: 'evidence_view', ref: `event:${job.eventId}` });
    return 'GONE';
  }
  await deps.send(
    { kind: 'file', to: { openId: p.openId }, fileName: file.fileName, fileType: larkFileTypeOf(extensionOf(file.fileName)), fileBase64: file.content.toString('base64') },
    { purpose: 'evidence_view', ref: `event:${job.eventId}` },
  );
  return 'SENT';
}
