-- Issue 11: a provider can disable one customer admin (the customer's other admins keep working).
ALTER TABLE panel_user ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
