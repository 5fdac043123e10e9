import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { Public } from '../common/decorators';

interface Check {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

async function check(probe: () => Promise<unknown>): Promise<Check> {
  const started = Date.now();
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 3 s')), 3000))]);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (err) {
    return { status: 'down', latencyMs: Date.now() - started, error: err instanceof Error ? err.message : String(err) };
  }
}

@ApiTags('运行状态 health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: Client,
  ) {}

  @ApiOperation({ summary: '健康检查：数据库与 Temporal 均可用时 200，否则 503' })
  @Public()
  @Get()
  @ApiOkResponse({ description: '{ status: "ok", checks: { database, temporal } }' })
  @ApiServiceUnavailableResponse()
  async health(@Res({ passthrough: true }) res: { status(code: number): void }) {
    const [database, temporal] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(async () => {
        await this.temporal.connection.ensureConnected();
        return this.temporal.workflowService.getSystemInfo({});
      }),
    ]);
    const ok = database.status === 'up' && temporal.status === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'degraded', checks: { database, temporal } };
  }
}
