import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { ApiConfig } from '../common/api-config';
import { requestIdClientInterceptor } from './request-id.interceptor';
import { WorkflowHealth } from './workflow-health';
import { WorkflowUpdates } from './workflow-updates';

/** The API holds a Temporal Client (never a Worker). The connection is lazy: the API starts even if Temporal is not up yet. */
@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [ApiConfig],
      useFactory: (config: ApiConfig) =>
        new Client({
          connection: Connection.lazy({ address: config.value.temporal.address }),
          namespace: config.value.temporal.namespace,
          interceptors: { workflow: [requestIdClientInterceptor] },
        }),
    },
    TemporalConnectionCloser,
    WorkflowUpdates,
    WorkflowHealth,
  ],
  exports: [Client, WorkflowUpdates, WorkflowHealth],
})
export class TemporalModule {}
