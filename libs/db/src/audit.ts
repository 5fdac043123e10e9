import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from './entities';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** Writes one audit row with the caller's manager, i.e. inside the caller's transaction. */
export async function recordAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.insert(AuditLogEntity, {
    at: entry.at ?? new Date(),
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    detail: (entry.detail ?? {}) as AuditLogEntity["detail"] & object,
  });
}
