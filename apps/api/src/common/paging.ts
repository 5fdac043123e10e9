import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';

/** The header a paged list answers with: how many rows match the filters (the body is one page of them). */
export const TOTAL_HEADER = 'X-Total-Count';

export interface Page<T> {
  items: T[];
  total: number;
}

/** Documents a paged list: an array of `type` and the total in X-Total-Count. */
export const ApiPagedResponse = (type: Type<unknown>, description?: string) =>
  applyDecorators(
    ApiOkResponse({
      type: [type],
      description,
      headers: { [TOTAL_HEADER]: { description: '符合筛选条件的总条数（分页用）', schema: { type: 'integer' } } },
    }),
  );

/** Sends one page: its rows as the body, the total in X-Total-Count. */
export function sendPage<T>(res: Response, page: Page<T>): T[] {
  res.setHeader(TOTAL_HEADER, String(page.total));
  res.setHeader('Access-Control-Expose-Headers', TOTAL_HEADER);
  return page.items;
}
