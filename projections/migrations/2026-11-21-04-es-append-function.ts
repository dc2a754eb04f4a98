import { sql, type Kysely } from 'kysely';

/**
 * es_append(appends jsonb) writes a batch of appends in one round trip: it takes the es_head lock, checks
 * each append's expected revision in order (a later append to the same stream sees the earlier one),
 * inserts the accepted events set-wise, moves the stream and log heads and notifies listeners.
 *
 * Input: [{stream, category, expected, events: [{event_id, event_type, data, metadata}]}], where expected is
 * 'any' | 'no_stream' | 'stream_exists' | a revision as text.
 * Output, one entry per append, in order: {revision, position} or {actual} when the expectation failed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create or replace function es_append(appends jsonb) returns jsonb language plpgsql as $fn$
declare
  head bigint;
  revs jsonb;
  a jsonb;
  i integer := 0;
  actual bigint;
  expected text;
  n integer;
  acc_idx integer[] := '{}';
  acc_rev bigint[] := '{}';
  acc_pos bigint[] := '{}';
  res_rev bigint[] := '{}';
  res_pos bigint[] := '{}';
  res_actual text[] := '{}';
begin
  select position into head from es_head where id = 1 for update;
  select coalesce(jsonb_object_agg(stream_name, revision), '{}') into revs
    from es_streams where stream_name in (select x->>'stream' from jsonb_array_elements(appends) x);

  for a in select value from jsonb_array_elements(appends) loop
    i := i + 1;
    actual := (revs->>(a->>'stream'))::bigint;
    expected := a->>'expected';
    if expected = 'any'
       or (expected = 'no_stream' and actual is null)
       or (expected = 'stream_exists' and actual is not null)
       or (expected ~ '^[0-9]+$' and actual = expected::bigint) then
      n := jsonb_array_length(a->'events');
      acc_idx := array_append(acc_idx, i);
      acc_rev := array_append(acc_rev, coalesce(actual, -1));
      acc_pos := array_append(acc_pos, head);
      head := head + n;
      revs := jsonb_set(revs, array[a->>'stream'], to_jsonb(coalesce(actual, -1) + n));
      res_rev := array_append(res_rev, coalesce(actual, -1) + n);
      res_pos := array_append(res_pos, head);
      res_actual := array_append(res_actual, null);
    else
      res_rev := array_append(res_rev, null);
      res_pos := array_append(res_pos, null);
      res_actual := array_append(res_actual, coalesce(actual::text, 'no_stream'));
    end if;
  end loop;

  if cardinality(acc_idx) > 0 then
    insert into es_events (position, stream_name, revision, event_id, event_type, data, metadata)
    select acc.start_pos + e.ord, appends->(acc.idx - 1)->>'stream', acc.start_rev + e.ord,
           (e.value->>'event_id')::uuid, e.value->>'event_type', e.value->'data', e.value->'metadata'
    from unnest(acc_idx, acc_rev, acc_pos) as acc(idx, start_rev, start_pos)
    cross join lateral jsonb_array_elements(appends->(acc.idx - 1)->'events') with ordinality as e(value, ord)
    order by 1;

    insert into es_streams (stream_name, category, revision, position)
    select distinct on (appends->(acc.idx - 1)->>'stream')
           appends->(acc.idx - 1)->>'stream', appends->(acc.idx - 1)->>'category',
           acc.start_rev + jsonb_array_length(appends->(acc.idx - 1)->'events'),
           acc.start_pos + jsonb_array_length(appends->(acc.idx - 1)->'events')
    from unnest(acc_idx, acc_rev, acc_pos) as acc(idx, start_rev, start_pos)
    order by appends->(acc.idx - 1)->>'stream', acc.idx desc
    on conflict (stream_name) do update
      set revision = excluded.revision, position = excluded.position, updated_at = now();

    update es_head set position = head where id = 1;
    perform pg_notify('es_appended', head::text);
  end if;

  return (
    select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object('revision', r, 'position', p, 'actual', x)) order by k), '[]')
    from unnest(res_rev, res_pos, res_actual) with ordinality as t(r, p, x, k)
  );
end
$fn$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function if exists es_append(jsonb)`.execute(db);
}
