/** Domain and request errors; one `app.onError` turns them into problem+json (docs/architecture.md). */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export const badRequest = (detail: string) => new AppError(400, 'Bad request', detail);
export const unauthorized = (detail = 'Sign in to do this.') => new AppError(401, 'Not signed in', detail);
export const forbidden = (detail: string) => new AppError(403, 'Not allowed', detail);
export const notFound = (detail: string) => new AppError(404, 'Not found', detail);
export const conflict = (detail: string) => new AppError(409, 'Conflict', detail);
export const payloadTooLarge = (detail: string) => new AppError(413, 'Too large', detail);
export const unsupportedMediaType = (detail: string) => new AppError(415, 'Unsupported media type', detail);
export const invalid = (detail: string, errors: FieldError[]) =>
  new AppError(422, 'Invalid input', detail, { errors });
export const tooManyRequests = (retryAfterSeconds: number, detail = 'Too many attempts. Try again later.') =>
  new AppError(429, 'Too many requests', detail, { retryAfter: retryAfterSeconds });
export const unavailable = (detail: string) => new AppError(503, 'Service unavailable', detail);
