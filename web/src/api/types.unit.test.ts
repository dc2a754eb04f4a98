import { describe, expectTypeOf, it } from 'vitest';
import type { ResponseJson, Schema } from './types.ts';

// Checked by `npm run typecheck`: a ResponseJson that resolved to `never` would let any use of it compile.
describe('API type helpers', () => {
  it('name schemas and inline answers', () => {
    expectTypeOf<Schema<'Connection'>['status']>().toEqualTypeOf<
      'pending' | 'accepted' | 'declined' | 'withdrawn' | 'ended'
    >();
    expectTypeOf<ResponseJson<'/api/auth/login', 'post'>>().toEqualTypeOf<{ user: Schema<'Me'> }>();
    expectTypeOf<ResponseJson<'/api/auth/register', 'post', 201>>().toEqualTypeOf<{ user: Schema<'Me'> }>();
    expectTypeOf<ResponseJson<'/api/me/avatar', 'put'>>().toEqualTypeOf<{ avatarUrl: string }>();
    expectTypeOf<ResponseJson<'/api/conversations', 'get'>>().toEqualTypeOf<{
      conversations: Schema<'Conversation'>[];
    }>();
    expectTypeOf<ResponseJson<'/api/conversations/{userId}/messages', 'get'>>().toEqualTypeOf<{
      messages: Schema<'DirectMessage'>[];
    }>();
  });
});
