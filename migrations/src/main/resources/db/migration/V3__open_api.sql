CREATE TABLE public.open_api (
  release      text NOT NULL REFERENCES snoop.release (release),
  release_date timestamp,
  endpoint     text NOT NULL,
  level        text NOT NULL CHECK (level IN ('alpha', 'beta', 'stable')),
  category     text,
  path         text NOT NULL,
  k8s_group    text,
  k8s_version  text,
  k8s_kind     text,
  k8s_action   text,
  deprecated   boolean NOT NULL,
  description  text,
  spec         text NOT NULL,
  http_method  text NOT NULL,
  level_rule   text NOT NULL CHECK (level_rule IN ('exact', 'apisnoop')),
  PRIMARY KEY (release, endpoint)
);
CREATE INDEX open_api_endpoint ON public.open_api (endpoint);
COMMENT ON TABLE public.open_api IS 'One row per operation (operationId) of a release''s Kubernetes OpenAPI spec, with the columns APISnoop derives.';
COMMENT ON COLUMN public.open_api.release IS 'Release the spec belongs to (given by the loader''s caller, never from info.version).';
COMMENT ON COLUMN public.open_api.release_date IS 'Release date from the release catalogue; load time for the working release.';
COMMENT ON COLUMN public.open_api.endpoint IS 'The operationId, e.g. readCoreV1NamespacedPod.';
COMMENT ON COLUMN public.open_api.level IS 'alpha, beta or stable, by the rule in level_rule.';
COMMENT ON COLUMN public.open_api.category IS 'First tag up to its first underscore, e.g. core_v1 -> core.';
COMMENT ON COLUMN public.open_api.path IS 'The path template, e.g. /api/v1/namespaces/{namespace}/pods/{name}.';
COMMENT ON COLUMN public.open_api.k8s_group IS 'x-kubernetes-group-version-kind group ('''' for core); null for discovery and non-resource operations.';
COMMENT ON COLUMN public.open_api.k8s_version IS 'x-kubernetes-group-version-kind version; null for discovery and non-resource operations.';
COMMENT ON COLUMN public.open_api.k8s_kind IS 'x-kubernetes-group-version-kind kind; null for discovery and non-resource operations.';
COMMENT ON COLUMN public.open_api.k8s_action IS 'x-kubernetes-action: get, list, put, patch, post, delete, deletecollection, connect, watch, watchlist, or null.';
COMMENT ON COLUMN public.open_api.deprecated IS 'True when the description contains "deprecated" (any case), as APISnoop decides.';
COMMENT ON COLUMN public.open_api.description IS 'The operation''s description.';
COMMENT ON COLUMN public.open_api.spec IS 'Where the spec was loaded from (URL or local path).';
COMMENT ON COLUMN public.open_api.http_method IS 'HTTP method of the operation in upper case (snoop addition; audit matching uses it).';
COMMENT ON COLUMN public.open_api.level_rule IS 'Level rule used for this release: exact (default) or apisnoop (snoop addition).';
