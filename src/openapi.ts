import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorView } from './common/dto/error.view';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';

/** The OpenAPI document of the routes an app has: served at /docs, committed as openapi.json. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Wennuan (温暖) donation service')
      .setDescription('Donation intake, receipts and public totals. Money is integer fen; errors are { statusCode, code, message }.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorView] },
  );
  return withErrorShape(document);
}

/** Every route may answer an error, always in the one shape (src/common/error.filter.ts): the default response of each operation. */
function withErrorShape(document: OpenAPIObject): OpenAPIObject {
  const error = {
    description: 'an error: { statusCode, code, message, details? }',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorView) } } },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) operation.responses = { ...operation.responses, default: operation.responses.default ?? error };
    }
  }
  return document;
}

/**
 * The same document without a running service (`npm run openapi`): Nest's preview mode reads the
 * modules and controllers but creates no provider, so nothing connects to PostgreSQL or Redis.
 * The routes do not depend on the configuration; a development one is enough.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'development' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}
