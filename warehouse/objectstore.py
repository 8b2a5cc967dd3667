"""Warehouses on S3-compatible object storage (AWS, MinIO, R2…): URLs, credentials, httpfs.

Only the Parquet data goes to the bucket. DuckLake's catalog is a DuckDB database file,
which needs random writes and a file lock, so it stays in a local folder together with
the writer lock and `open.sql` (see `catalog_dir`).

DuckDB reads and writes S3 through its `httpfs` extension, loaded here from the
`duckdb-extension-httpfs` wheel exactly as DuckLake is: nothing is downloaded at run time.
Credentials come from the usual AWS environment variables and become a temporary
(in-memory) DuckDB secret on each open; they are never written to disk.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from newsnorm.warehouse.ddl import literal
from newsnorm.warehouse.extension import WarehouseError, wheel_extension_path

SECRET_NAME = "newsnorm_s3"
DEFAULT_REGION = "us-east-1"
# Overrides the folder that holds the catalog of an object-storage warehouse.
CATALOG_DIR_VARIABLE = "NEWSNORM_CATALOG_DIR"
# Records, in a catalog folder, which object-storage warehouse the catalog belongs to.
LOCATION_FILE = "object-storage-url"

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")
# Glob characters would be read as patterns by DuckDB's and DuckLake's listings.
_PREFIX_REFUSED = set("*?[]{}#\\'\"")
_PROBE_NAME = "__newsnorm_probe"


def is_remote_location(location: Path | str) -> bool:
    """True for `scheme://…` (only s3:// is supported; others are refused when parsed)."""
    return isinstance(location, str) and bool(_SCHEME.match(location))


@dataclass(frozen=True, slots=True)
class S3Location:
    """`s3://bucket/prefix`, normalized: no trailing slash; the prefix may be empty."""

    bucket: str
    prefix: str

    @classmethod
    def parse(cls, url: str) -> S3Location:
        scheme = url.split("://", 1)[0].lower()
        if scheme != "s3":
            raise WarehouseError(
                f"unsupported warehouse URL {url!r}: use a local folder or s3://bucket/prefix "
                "(R2, MinIO and other S3-compatible stores go through s3:// with "
                "AWS_ENDPOINT_URL)"
            )
        bucket, _, prefix = url[len("s3://") :].partition("/")
        prefix = prefix.strip("/")
        if not _BUCKET.match(bucket):
            raise WarehouseError(
                f"invalid bucket name {bucket!r} in {url!r}: expected s3://bucket/prefix with "
                "a bucket of 3-63 lowercase letters, digits, dots or hyphens"
            )
        refused = sorted(_PREFIX_REFUSED.intersection(prefix))
        if refused or "//" in prefix:
            what = " ".join(refused) if refused else "an empty path segment (//)"
            raise WarehouseError(f"the warehouse prefix in {url!r} may not contain {what}")
        return cls(bucket, prefix)

    @property
    def url(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"

    def join(self, *parts: str) -> str:
        """`s3://bucket/prefix/part…`; a trailing slash on the last part is kept."""
        return "/".join([self.url, *parts])


def default_catalogs_home(environ: Mapping[str, str] | None = None) -> Path:
    """`$XDG_DATA_HOME/newsnorm/warehouses` (XDG's default: `~/.local/share`)."""
    env = os.environ if environ is None else environ
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "newsnorm" / "warehouses"


def catalog_dir(location: S3Location, environ: Mapping[str, str] | None = None) -> Path:
    """The local folder holding this warehouse's catalog, lock and `open.sql`.

    `NEWSNORM_CATALOG_DIR` names it outright; otherwise it is derived from the URL:
    `~/.local/share/newsnorm/warehouses/<bucket>-<prefix>-<hash of the URL>`, so one
    URL always finds the same catalog on this machine and two URLs never share one.
    """
    env = os.environ if environ is None else environ
    override = env.get(CATALOG_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{location.bucket}-{location.prefix}")
    digest = hashlib.sha256(location.url.encode()).hexdigest()[:10]
    return default_catalogs_home(env) / f"{readable.strip('-')[:60]}-{digest}"


@dataclass(frozen=True, slots=True)
class S3Settings:
    """How to reach the store, from the environment. `secret` never goes to disk."""

    key_id: str
    secret: str
    session_token: str | None
    region: str
    endpoint: str | None  # host[:port] of an S3-compatible server; None for AWS itself
    use_ssl: bool
    url_style: str  # "path" for custom endpoints (MinIO, R2, moto), "vhost" for AWS

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> S3Settings:
        env = os.environ if environ is None else environ
        key_id = env.get("AWS_ACCESS_KEY_ID", "")
        secret = env.get("AWS_SECRET_ACCESS_KEY", "")
        missing = [
            name
            for name, value in (("AWS_ACCESS_KEY_ID", key_id), ("AWS_SECRET_ACCESS_KEY", secret))
            if not value
        ]
        if missing:
            raise WarehouseError(
                f"no S3 credentials: set {' and '.join(missing)} (and AWS_SESSION_TOKEN for "
                "temporary credentials; AWS_REGION, and AWS_ENDPOINT_URL for MinIO, R2 or "
                "another S3-compatible server)"
            )
        region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
        endpoint_url = env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL") or ""
        endpoint, use_ssl = _parse_endpoint(endpoint_url) if endpoint_url else (None, True)
        return cls(
            key_id=key_id,
            secret=secret,
            session_token=env.get("AWS_SESSION_TOKEN") or None,
            region=region,
            endpoint=endpoint,
            use_ssl=use_ssl,
            url_style="path" if endpoint else "vhost",
        )

    def secret_sql(self, location: S3Location) -> str:
        """`CREATE OR REPLACE SECRET` with the values themselves (for this process only)."""
        return self._secret_sql(
            location,
            key_id=literal(self.key_id),
            secret=literal(self.secret),
            session_token=literal(self.session_token) if self.session_token else None,
        )

    def shell_secret_sql(self, location: S3Location) -> str:
        """The same secret reading the credentials from the shell's environment (`getenv`
        is a DuckDB shell function), so `open.sql` holds no credential."""
        return self._secret_sql(
            location,
            key_id="getenv('AWS_ACCESS_KEY_ID')",
            secret="getenv('AWS_SECRET_ACCESS_KEY')",
            session_token="getenv('AWS_SESSION_TOKEN')",
        )

    def _secret_sql(
        self, location: S3Location, *, key_id: str, secret: str, session_token: str | None
    ) -> str:
        options = ["TYPE s3", f"KEY_ID {key_id}", f"SECRET {secret}"]
        if session_token is not None:
            options.append(f"SESSION_TOKEN {session_token}")
        options.append(f"REGION {literal(self.region)}")
        if self.endpoint:
            options.append(f"ENDPOINT {literal(self.endpoint)}")
        options.append(f"URL_STYLE {literal(self.url_style)}")
        options.append(f"USE_SSL {'true' if self.use_ssl else 'false'}")
        # Scoped to this warehouse's prefix: other s3:// paths keep their own secrets.
        options.append(f"SCOPE {literal(location.join(''))}")
        return f"CREATE OR REPLACE SECRET {SECRET_NAME} ({', '.join(options)})"

    def describe(self) -> str:
        """Where requests go, for error messages (no credential)."""
        scheme = "https" if self.use_ssl else "http"
        return f"{scheme}://{self.endpoint}" if self.endpoint else f"AWS S3 ({self.region})"


def _parse_endpoint(url: str) -> tuple[str, bool]:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WarehouseError(
            f"AWS_ENDPOINT_URL={url!r} is not an endpoint URL: expected http://host:port or "
            "https://host (e.g. http://127.0.0.1:9000 for a local MinIO)"
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise WarehouseError(
            f"AWS_ENDPOINT_URL={url!r} has a path; give only the scheme, host and port "
            "(the bucket and prefix go in --warehouse s3://bucket/prefix)"
        )
    return parts.netloc, parts.scheme == "https"


def httpfs_extension_path() -> Path:
    """The `.duckdb_extension` file shipped in the `duckdb-extension-httpfs` wheel."""
    return wheel_extension_path(
        "httpfs", "duckdb-extension-httpfs", " (needed for s3:// warehouses)"
    )


def connect_store(
    connection: duckdb.DuckDBPyConnection, location: S3Location, settings: S3Settings
) -> None:
    """Load httpfs and (re)create this warehouse's secret from `settings`."""
    connection.execute(f"LOAD {literal(str(httpfs_extension_path()))}")
    try:
        connection.execute(settings.secret_sql(location))
    except duckdb.Error as err:  # the statement holds the secret: never echo it
        message = _redact(str(err), settings)
        raise WarehouseError(
            f"cannot set up S3 credentials for {location.url}: {message}"
        ) from None


# Stores already found reachable by this process, so each open does not pay a request.
_reachable: set[tuple[str, str | None, str]] = set()


def check_reachable(
    connection: duckdb.DuckDBPyConnection,
    location: S3Location,
    settings: S3Settings,
    *,
    new_catalog: bool,
) -> None:
    """One listing request under the data prefix: an unreachable endpoint, a missing
    bucket or refused credentials become a WarehouseError before any work is done.

    For a catalog about to be created, also refuse a data prefix that already holds
    Parquet: it belongs to another catalog (another machine, or a lost catalog folder),
    and two catalogs over one prefix would each delete the other's files as orphans.
    """
    key = (location.url, settings.endpoint, settings.key_id)
    if key in _reachable and not new_catalog:
        return
    pattern = location.join("files", "**") if new_catalog else location.join(_PROBE_NAME + "*")
    try:
        row = connection.execute(
            f"select count(*) from (select 1 from glob({literal(pattern)}) limit 1)"
        ).fetchone()
    except duckdb.Error as err:
        raise WarehouseError(
            f"cannot reach the warehouse's object storage {location.url} through "
            f"{settings.describe()}: {_first_line(_redact(str(err), settings))} (check "
            "AWS_ENDPOINT_URL, AWS_REGION, the credentials and that the bucket exists)"
        ) from None
    if new_catalog and row and row[0]:
        raise WarehouseError(
            f"{location.join('files/')} already holds data files but there is no catalog for "
            "it here: it belongs to another catalog (another machine's, or a lost catalog "
            f"folder). Point {CATALOG_DIR_VARIABLE} at the folder that holds its catalog, or "
            "use another prefix; two catalogs over one prefix would delete each other's files"
        )
    _reachable.add(key)


def _redact(message: str, settings: S3Settings) -> str:
    for value in (settings.secret, settings.session_token):
        if value:
            message = message.replace(value, "***")
    return message


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else message


def check_catalog_owner(root: Path, location: S3Location | None, catalog_exists: bool) -> None:
    """A catalog folder serves one warehouse: the object-storage URL recorded in it (none
    for a local warehouse) must be the one being opened."""
    recorded_file = root / LOCATION_FILE
    try:
        recorded = recorded_file.read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        recorded = None
    if location is None:
        if recorded:
            raise WarehouseError(
                f"{root} holds the catalog of the object-storage warehouse {recorded}: open it "
                f"with --warehouse {recorded}"
            )
        return
    if recorded == location.url or (recorded is None and not catalog_exists):
        return
    owner = recorded or "a local warehouse (its Parquet is in its files/ folder)"
    raise WarehouseError(
        f"the catalog folder {root} belongs to {owner}, not to {location.url}: unset "
        f"{CATALOG_DIR_VARIABLE} or point it at this warehouse's own catalog folder"
    )


def record_catalog_owner(root: Path, location: S3Location) -> None:
    """Write the warehouse URL into its catalog folder (atomically)."""
    target = root / LOCATION_FILE
    if target.is_file() and target.read_text(encoding="utf-8").strip() == location.url:
        return
    root.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(LOCATION_FILE + ".tmp")
    temporary.write_text(location.url + "\n", encoding="utf-8")
    temporary.replace(target)
