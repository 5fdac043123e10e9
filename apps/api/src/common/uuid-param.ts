import { Param, ParseUUIDPipe } from '@nestjs/common';
import { validationFailed } from '@rol/domain';

/** A path parameter that must be a UUID; otherwise 400 naming the parameter. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => validationFailed([{ field: name, code: 'isUuid', message: `路径参数 ${name} 必须是 UUID` }]),
    }),
  );
