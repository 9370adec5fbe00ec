CREATE VIEW public.audit_event_test AS
SELECT t.release::text AS release,
       t.test,
       (c.codename IS NOT NULL) AS conformance_test,
       c.testname,
       c.file,
       c.promotion_release::text AS promotion_release,
       c.in_newest_list
  FROM (SELECT DISTINCT release, test FROM snoop.release_endpoint_test WHERE test IS NOT NULL) t
  LEFT JOIN snoop.conformance_codename c ON c.release = t.release AND c.codename = t.test;
COMMENT ON VIEW public.audit_event_test IS 'Every test in the audit runs of a release, with its conformance details (APISnoop compatible).';
COMMENT ON COLUMN public.audit_event_test.release IS 'Release of the audit runs the test is seen in.';
COMMENT ON COLUMN public.audit_event_test.test IS 'The test as it appears in the userAgent: the codename of conformance.yaml.';
COMMENT ON COLUMN public.audit_event_test.conformance_test IS 'Whether it is a conformance test, by codename in the release''s or the newest conformance.yaml.';
COMMENT ON COLUMN public.audit_event_test.testname IS 'For a conformance test its name in conformance.yaml, else null.';
COMMENT ON COLUMN public.audit_event_test.file IS 'For a conformance test the file defining it, else null.';
COMMENT ON COLUMN public.audit_event_test.promotion_release IS 'For a conformance test the release it was promoted in, else null.';
COMMENT ON COLUMN public.audit_event_test.in_newest_list IS 'For a conformance test, whether the newest conformance.yaml still has the codename (false: renamed or dropped; APISnoop would not count it) (snoop addition).';
