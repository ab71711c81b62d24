-- Row-level security, cheaper (issue 10): each policy reads the transaction's
-- settings once per query instead of once per row. A function call wrapped
-- in a scalar subquery, (SELECT f()), is computed once (an InitPlan) and the
-- agency predicate stays usable by the (agency_id, ...) indexes. Same rules
-- as 0006 and 0007, only evaluated faster.
CREATE FUNCTION huntaze_all_creators() RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT current_setting('huntaze.creators', true) = 'all' $$;
CREATE FUNCTION huntaze_creator_ids() RETURNS bigint[] LANGUAGE sql STABLE
    AS $$ SELECT CASE WHEN current_setting('huntaze.creators', true) IN ('', 'all') THEN '{}'::bigint[]
                      ELSE string_to_array(current_setting('huntaze.creators', true), ',')::bigint[] END $$;
GRANT EXECUTE ON FUNCTION huntaze_all_creators() TO huntaze_runtime;
GRANT EXECUTE ON FUNCTION huntaze_creator_ids() TO huntaze_runtime;

ALTER POLICY agency_rows ON agencies USING (id = (SELECT huntaze_agency()));
ALTER POLICY agency_rows ON creators USING (agency_id = (SELECT huntaze_agency()) AND ((SELECT huntaze_all_creators()) OR id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
ALTER POLICY agency_rows ON members USING (agency_id = (SELECT huntaze_agency()) OR user_id = (SELECT huntaze_user()))
    WITH CHECK (agency_id = (SELECT huntaze_agency()));
ALTER POLICY agency_rows ON custom_roles USING (agency_id = (SELECT huntaze_agency()));
ALTER POLICY agency_rows ON member_creators USING (agency_id = (SELECT huntaze_agency()));
ALTER POLICY agency_rows ON sessions USING (agency_id = (SELECT huntaze_agency()));
ALTER POLICY agency_rows ON invitations USING (agency_id = (SELECT huntaze_agency()));
ALTER POLICY agency_rows ON import_rows USING (agency_id = (SELECT huntaze_agency()));
ALTER POLICY agency_rows ON fans USING (agency_id = (SELECT huntaze_agency()) AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
ALTER POLICY agency_rows ON offers USING (agency_id = (SELECT huntaze_agency()) AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
ALTER POLICY agency_rows ON posts USING (agency_id = (SELECT huntaze_agency()) AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
ALTER POLICY agency_rows ON drafts USING (agency_id = (SELECT huntaze_agency()) AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
ALTER POLICY agency_rows ON creator_preferences USING (agency_id = (SELECT huntaze_agency()) AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
ALTER POLICY agency_rows ON imports USING (agency_id = (SELECT huntaze_agency()) AND ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[])));
ALTER POLICY agency_rows ON audit_log USING (agency_id = (SELECT huntaze_agency()) AND (creator_id IS NULL OR ((SELECT huntaze_all_creators()) OR creator_id = ANY ((SELECT huntaze_creator_ids())::bigint[]))));
