-- Invitations into an agency (issue 10): a one-time code an owner or admin
-- shows to copy (Huntaze sends no email). Only a SHA-256 digest of the code is
-- kept, as for sessions. The invitee signs up or signs in with it and becomes
-- a member with the role (and assigned creators) chosen here.
CREATE TABLE invitations (
    agency_id      bigint      NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    code_digest    bytea       NOT NULL,
    role           text        NOT NULL CHECK (role IN ('owner', 'admin', 'chatter', 'creator', 'custom')),
    custom_role_id bigint,
    own_creator_id bigint,
    creators       jsonb       NOT NULL DEFAULT '[]', -- creator ids assigned on joining
    invited_by     bigint      REFERENCES users (id) ON DELETE SET NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    used_by        bigint      REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (agency_id, code_digest),
    FOREIGN KEY (agency_id, custom_role_id) REFERENCES custom_roles (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, own_creator_id) REFERENCES creators (agency_id, id) ON DELETE CASCADE,
    CHECK ((role = 'custom') = (custom_role_id IS NOT NULL)),
    CHECK ((role = 'creator') = (own_creator_id IS NOT NULL))
);
-- Redeeming looks a code up before the agency is known.
CREATE UNIQUE INDEX invitations_code_digest ON invitations (code_digest);
