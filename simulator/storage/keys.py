"""The key table: getting, creating and shredding the data keys of :mod:`simulator.storage.crypto`.

Works on anything with ``execute`` and ``begin_nested`` (an ORM ``Session``
or a Core ``Connection``), so the store and the Alembic data migration share
it. Unwrapped keys are cached per :class:`Keyring` (one per open store).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from simulator.storage.crypto import ORG_KEY_VAR, DataKey, DataKeyError, OrgKey, new_key
from simulator.storage.models import Setting, TraineeKey, utcnow

INDEX_OWNER = "__index__"
"""Key-table owner of the secret behind the name index."""
CHECK_SETTING = "org_key_check"
"""Settings key of the organisation key's check value."""
KEY_BYTES = 32
"""Length of a data key."""


class Keyring:
    """Data keys of one open store, unwrapped on first use and cached."""

    def __init__(self, org: OrgKey | None = None) -> None:
        self.org = org
        self._cache: dict[str, DataKey] = {}
        self._org_checked = False

    @classmethod
    def from_env(cls) -> Keyring:
        """A keyring using $SIMULATOR_ORG_KEY when it is set."""
        return cls(OrgKey.from_env())

    def _check_org(self, s: Any, *, writing: bool = False) -> None:
        """Verify the organisation key against the store's check value; when writing, protect the store with it.

        The first write with an organisation key stores its check value and
        wraps every data key still stored raw, so the whole store is
        protected from then on. Writing a new key without the organisation
        key into a protected store is refused (it would be stored raw).
        """
        if self._org_checked:
            return
        stored = s.execute(select(Setting.value).where(Setting.key == CHECK_SETTING)).scalar_one_or_none()
        if self.org is None:
            if stored is not None and writing:
                raise DataKeyError(f"this store's keys are wrapped by an organisation key: set ${ORG_KEY_VAR}")
            self._org_checked = writing or stored is None
            return
        if stored is None:
            if not writing:
                return  # nothing to verify yet; the first write protects the store
            try:
                with s.begin_nested():
                    s.execute(insert(Setting).values(key=CHECK_SETTING, value=self.org.check_value()))
                    for owner, blob in s.execute(select(TraineeKey.owner, TraineeKey.key)
                                                 .where(TraineeKey.wrapped.is_(False))).all():
                        s.execute(update(TraineeKey).where(TraineeKey.owner == owner)
                                  .values(key=self.org.wrap(bytes(blob), owner), wrapped=True))
            except IntegrityError:  # another process protected it just now
                stored = s.execute(select(Setting.value).where(Setting.key == CHECK_SETTING)).scalar_one()
        if stored is not None and not self.org.matches(stored):
            raise DataKeyError(f"${ORG_KEY_VAR} is not the organisation key this store was set up with")
        self._org_checked = True

    def _unwrap(self, owner: str, blob: bytes, wrapped: bool) -> DataKey:
        if wrapped:
            if self.org is None:
                raise DataKeyError(f"this store's keys are wrapped by an organisation key: set ${ORG_KEY_VAR}")
            raw = self.org.unwrap(blob, owner)
        else:
            raw = bytes(blob)
        if len(raw) != KEY_BYTES:
            raise DataKeyError(f"the data key of {owner} is damaged (key table corrupt)")
        return DataKey(owner, raw)

    def get(self, s: Any, owner: str, *, create: bool = False) -> DataKey | None:
        """The data key of ``owner``; a new one when there is none and ``create`` (else None)."""
        cached = self._cache.get(owner)
        if cached is not None:
            return cached
        self._check_org(s, writing=create)
        row = s.execute(select(TraineeKey.key, TraineeKey.wrapped).where(TraineeKey.owner == owner)).first()
        if row is None:
            if not create:
                return None
            raw = new_key()
            blob = self.org.wrap(raw, owner) if self.org else raw
            try:
                with s.begin_nested():
                    s.execute(insert(TraineeKey).values(owner=owner, key=blob, wrapped=self.org is not None,
                                                        created_at=utcnow()))
                return DataKey(owner, raw)  # not cached until committed: a rollback would leave a ghost key
            except IntegrityError:  # created concurrently (anonymous / index keys): use theirs
                row = s.execute(select(TraineeKey.key, TraineeKey.wrapped).where(TraineeKey.owner == owner)).one()
        key = self._unwrap(owner, row[0], row[1])
        self._cache[owner] = key
        return key

    def need(self, s: Any, owner: str) -> DataKey:
        """The data key of ``owner``; DataKeyError when it is gone (the data was shredded)."""
        key = self.get(s, owner)
        if key is None:
            raise DataKeyError(f"no data key for {owner}: their texts were deleted or the key table is damaged")
        return key

    def preload(self, s: Any) -> None:
        """Unwrap every key of the table at once (listing all names: one query instead of one per person)."""
        self._check_org(s)
        for owner, blob, wrapped in s.execute(select(TraineeKey.owner, TraineeKey.key, TraineeKey.wrapped)).all():
            if owner not in self._cache:
                self._cache[owner] = self._unwrap(owner, blob, wrapped)

    def index_secret(self, s: Any) -> bytes:
        """The secret of the name index (created with the first name)."""
        return self.get(s, INDEX_OWNER, create=True).key

    def shred(self, s: Any, owner: str) -> None:
        """Delete the key of ``owner``: every blob encrypted with it becomes unreadable for good."""
        s.execute(delete(TraineeKey).where(TraineeKey.owner == owner))
        self._cache.pop(owner, None)

    def clear(self) -> None:
        """Drop every cached key and check (after a rollback, which may have undone what they rest on)."""
        self._cache.clear()
        self._org_checked = False
