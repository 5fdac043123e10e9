import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, isOffice } from '@rol/domain';
import { execute } from '@rol/db';
import type { AuthUser } from '../common/auth-user';
import type { Page } from '../common/paging';
import type { NotificationDto, NotificationQueryDto } from './notifications.dto';

/**
 * 消息中心 for the signed-in user. The notifications themselves are written by whoever records the
 * event (`recordAudit`); here they are only read and marked read, per user.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Which notifications a user sees: the office's, or those of the user's own department. Reviewers and operators get none yet. */
  private visible(user: AuthUser): { where: string; params: unknown[] } {
    if (isOffice(user.role)) return { where: `n.audience = 'office'`, params: [] };
    if (user.departmentId) return { where: `n.audience = 'department' AND n.department_id = $2`, params: [user.departmentId] };
    return { where: 'false', params: [] };
  }

  async list(user: AuthUser, q: NotificationQueryDto): Promise<Page<NotificationDto>> {
    const { where, params } = this.visible(user);
    const unread = q.unreadOnly === 'true' ? 'AND r.user_id IS NULL' : '';
    const from = `FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $1 WHERE ${where} ${unread}`;
    const n = params.length + 2;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT n.id, n.at, n.kind, n.title, n.subject, n.link, coalesce(d.name, '本机关') AS department_name, r.user_id IS NOT NULL AS read
           ${from.replace('WHERE', 'LEFT JOIN departments d ON d.id = n.department_id WHERE')} ORDER BY n.at DESC, n.id DESC LIMIT $${n} OFFSET $${n + 1}`,
        [user.id, ...params, q.limit ?? 20, q.offset ?? 0],
      ) as Promise<{ id: string; at: Date; kind: string; title: string; subject: string; link: string; department_name: string; read: boolean }[]>,
      this.dataSource.query(`SELECT count(*)::int AS total ${from}`, [user.id, ...params]) as Promise<{ total: number }[]>,
    ]);
    return {
      total,
      items: rows.map((r) => ({ id: String(r.id), at: new Date(r.at).toISOString(), kind: r.kind, title: r.title, subject: r.subject, departmentName: r.department_name, link: r.link, read: r.read })),
    };
  }

  async unreadCount(user: AuthUser): Promise<number> {
    const { where, params } = this.visible(user);
    const [{ unread }] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notifications n
        WHERE ${where} AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $1)`,
      [user.id, ...params],
    );
    return unread;
  }

  /** Marks one notification read; reading it again changes nothing. */
  async markRead(user: AuthUser, id: number): Promise<number> {
    const { where, params } = this.visible(user);
    const n = params.length + 2;
    const [seen] = await this.dataSource.query(`SELECT 1 FROM notifications n WHERE n.id = $${n} AND ${where} AND $1::uuid IS NOT NULL`, [user.id, ...params, id]);
    if (!seen) throw new DomainError(ErrorCode.NotificationNotFound, `消息 ${id} 不存在或不属于您`);
    const { affected } = await execute(this.dataSource.manager, `INSERT INTO notification_reads (notification_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING notification_id`, [id, user.id]);
    return affected;
  }

  /** Marks every notification the user sees as read. */
  async markAllRead(user: AuthUser): Promise<number> {
    const { where, params } = this.visible(user);
    const { affected } = await execute(
      this.dataSource.manager,
      `INSERT INTO notification_reads (notification_id, user_id)
       SELECT n.id, $1 FROM notifications n WHERE ${where} ON CONFLICT DO NOTHING RETURNING notification_id`,
      [user.id, ...params],
    );
    return affected;
  }
}
