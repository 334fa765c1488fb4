import { Param } from '@nestjs/common';
import { uuidParamSchema } from '@casustafel/contracts';
import { ZodValidationPipe } from './zod-validation.pipe';

/** A route parameter that must be a UUID (an id); anything else is refused as invalid. */
export const IdParam = (name: string): ParameterDecorator =>
  Param(name, new ZodValidationPipe(uuidParamSchema));
