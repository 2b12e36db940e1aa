-- An endpoint's answer may echo what it was sent (customers' data among it): the log keeps its status only. Earlier
-- versions kept up to 200 characters of a failed answer after "HTTP <status>: "; drop them.
UPDATE webhook_attempts SET error = substring(error FROM '^HTTP [0-9]{3}') WHERE error ~ '^HTTP [0-9]{3}: ';
UPDATE webhook_deliveries SET last_error = substring(last_error FROM '^HTTP [0-9]{3}') WHERE last_error ~ '^HTTP [0-9]{3}: ';
UPDATE webhook_subscriptions SET disabled_reason = regexp_replace(disabled_reason, '(the last: HTTP [0-9]{3}): .*$', '\1')
WHERE disabled_reason ~ 'the last: HTTP [0-9]{3}: ';
