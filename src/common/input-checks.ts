import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { DomainError } from './errors';

/** C0 and C1 control characters: nothing in a URL (path or query) ever needs one. */
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Whether any string in `value` (object keys included) matches `pattern`. Iterative, so that a
 * deeply nested body cannot overflow the stack of the check itself.
 */
function anyString(value: unknown, pattern: RegExp): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (pattern.test(item)) return true;
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (pattern.test(key)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Refuses a URL whose decoded path parameters or query string hold a control character (`%00`…):
 * 400 VALIDATION_FAILED before any handler runs, for every route (API, pages, the queue board).
 */
export function refuseControlCharactersInUrl(params: unknown, query: unknown): void {
  if (anyString(params, CONTROL_CHARACTER) || anyString(query, CONTROL_CHARACTER)) {
    throw new DomainError('VALIDATION_FAILED', '请求地址中含有不允许的控制字符');
  }
}

/**
 * The validation pipe of every body (JSON, forms and multipart fields alike): a NUL character
 * anywhere is refused with 400 VALIDATION_FAILED before the DTO rules run (PostgreSQL can store
 * NUL neither in text nor in jsonb). Other control characters are the fields' business: free text
 * is cleaned (cleanText), codes and names are refused by their patterns.
 */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, transformOptions: { enableImplicitConversion: false }, stopAtFirstError: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && anyString(value, /\u0000/)) {
      throw new DomainError('VALIDATION_FAILED', '请求内容中含有不允许的控制字符（NUL）');
    }
    return super.transform(value, metadata);
  }
}
