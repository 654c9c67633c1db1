-- OTLP spans carry their kind and the deployment environment; spans from POST /api/events have neither.
alter table span add column kind varchar(16);
alter table span add column environment varchar(255);
