import { Module } from '@nestjs/common';
import { ApiDocsEndpoint } from './api-docs.endpoint';

/** The OpenAPI document and its viewer at /api/docs (public; see ApiDocsEndpoint). */
@Module({ providers: [ApiDocsEndpoint] })
export class ApiDocsModule {}
