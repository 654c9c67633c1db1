-- The healer's documentation note for a fix (Markdown), sent with its rollout (FixEvent.docNote).
alter table fix add column note text;
