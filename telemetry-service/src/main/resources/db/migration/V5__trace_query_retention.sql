-- GET /api/traces filters on span start and picks each trace's root or earliest span; retention deletes by start.
drop index span_trace_idx;
create index span_trace_start_idx on span (trace_id, start_time);
create index span_start_idx on span (start_time);
create index span_service_handler_start_idx on span (service, handler, start_time);
-- Errors are the few spans most often looked for; a partial index keeps status=ERROR cheap without indexing OK.
create index span_error_start_idx on span (start_time) where status = 'ERROR';
drop index span_service_handler_idx;
