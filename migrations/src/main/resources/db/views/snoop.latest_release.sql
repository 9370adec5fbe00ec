CREATE VIEW snoop.latest_release AS
SELECT release
  FROM public.open_api
 GROUP BY release
 ORDER BY release::semver DESC
 LIMIT 1;
COMMENT ON VIEW snoop.latest_release IS 'The highest release of open_api in semantic order: what APISnoop means by the latest (master) spec.';
COMMENT ON COLUMN snoop.latest_release.release IS 'The release.';
