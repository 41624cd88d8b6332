// Keep mail in the outbox during tests whatever the environment says.
delete process.env.SMTP_URL;
