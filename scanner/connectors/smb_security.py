"""Who can reach a file on an SMB share: its security descriptor (owner and DACL) as a short exposure string.

The descriptor is read with one SMB2 QUERY_INFO (SecurityInformation OWNER|DACL) on a handle opened for
READ_CONTROL only, and summarised as the broad groups that are granted access, with their rights, then
the owner: ``Everyone:read, Authenticated Users:read+write; owner S-1-5-21-…-1104``.
"""
from __future__ import annotations

import re
import struct

from smbclient._io import SMBFileTransaction, SMBRawIO
from smbprotocol.file_info import InfoType
from smbprotocol.open import FilePipePrinterAccessMask, SMB2QueryInfoRequest, SMB2QueryInfoResponse
from smbprotocol.security_descriptor import (
    AccessAllowedAce,
    AccessDeniedAce,
    AccessMask,
    AceFlags,
    AceType,
    SDControl,
    SMB2CreateSDBuffer,
)

# [MS-DTYP] 2.4.7 SECURITY_INFORMATION: which parts of the descriptor to return.
_OWNER_SECURITY_INFORMATION = 0x1
_DACL_SECURITY_INFORMATION = 0x4
_BROAD_GROUPS = {"S-1-1-0": "Everyone", "S-1-5-11": "Authenticated Users", "S-1-5-32-545": "BUILTIN\\Users"}
_DOMAIN_USERS = re.compile(r"^S-1-5-21-\d+-\d+-\d+-513$")
_KNOWN_OWNERS = {"S-1-5-18": "SYSTEM", "S-1-5-32-544": "BUILTIN\\Administrators", **_BROAD_GROUPS}

_READ = AccessMask.GENERIC_READ | FilePipePrinterAccessMask.FILE_READ_DATA
_WRITE = (AccessMask.GENERIC_WRITE | FilePipePrinterAccessMask.FILE_WRITE_DATA
          | FilePipePrinterAccessMask.FILE_APPEND_DATA)
_FILE_ALL_ACCESS = 0x001F01FF


def query_descriptor(path: str, **session) -> bytes:
    """The raw self-relative security descriptor (owner and DACL) of ``path``, a UNC path.

    The handle asks for READ_CONTROL only, so reading the descriptor needs no right to the file's data
    and changes nothing on the server.
    """
    raw = SMBRawIO(path, mode="r", share_access="rwd", desired_access=AccessMask.READ_CONTROL, **session)
    request = SMB2QueryInfoRequest()
    request["info_type"] = InfoType.SMB2_0_INFO_SECURITY
    request["output_buffer_length"] = 65536
    request["additional_information"] = _OWNER_SECURITY_INFORMATION | _DACL_SECURITY_INFORMATION
    request["file_id"] = b"\xff" * 16  # in a compound request: the handle the CREATE before it opens

    def receive(sent) -> bytes:
        response = SMB2QueryInfoResponse()
        response.unpack(raw.fd.connection.receive(sent)["data"].get_value())
        return response["buffer"].get_value()

    # The transaction opens the handle, queries and closes it in one compound request.
    with SMBFileTransaction(raw) as transaction:
        transaction += (request, receive)
    return transaction.results[0]


def exposure(descriptor: bytes) -> str:
    """``descriptor`` summarised: broad groups with access and their rights, then the owner."""
    header = SMB2CreateSDBuffer()
    header.unpack(descriptor)
    owner = header.get_owner()
    owner_text = f"owner {_name(str(owner))}" if owner else "no owner"
    control, dacl_offset = header["control"].get_value(), header["offset_dacl"].get_value()
    if not control & SDControl.DACL_PRESENT or dacl_offset == 0:
        # No DACL at all (as opposed to an empty one) grants everyone every right.
        return f"Everyone:full (no DACL); {owner_text}"
    granted = [f"{group}:{rights}" for group, rights in _broad_rights(descriptor[dacl_offset:])]
    return "; ".join(filter(None, (", ".join(granted), owner_text)))


def _broad_rights(acl: bytes) -> list[tuple[str, str]]:
    """(group, rights) for each broad group the ACL grants a right to read or write."""
    allowed: dict[str, int] = {}
    denied: dict[str, int] = {}
    for ace_type, flags, mask, sid in _aces(acl):
        group = _broad_group(sid)
        if group is None or flags & AceFlags.INHERIT_ONLY_ACE:  # inherit-only: applies to children only
            continue
        table = allowed if ace_type == AceType.ACCESS_ALLOWED_ACE_TYPE else denied
        table[group] = table.get(group, 0) | mask
    # A deny for the same group takes the right away: canonical ACLs put denies first.
    found = ((group, _rights(mask & ~denied.get(group, 0))) for group, mask in allowed.items())
    return [(group, rights) for group, rights in found if rights]


def _aces(acl: bytes):
    """(type, flags, mask, SID) of the allow and deny ACEs of a packed ACL ([MS-DTYP] 2.4.5)."""
    count = struct.unpack_from("<H", acl, 4)[0]
    offset = 8
    for _ in range(count):
        ace_type, size = acl[offset], struct.unpack_from("<H", acl, offset + 2)[0]
        if ace_type in (AceType.ACCESS_ALLOWED_ACE_TYPE, AceType.ACCESS_DENIED_ACE_TYPE):
            ace = AccessAllowedAce() if ace_type == AceType.ACCESS_ALLOWED_ACE_TYPE else AccessDeniedAce()
            ace.unpack(acl[offset:offset + size])
            yield ace_type, ace["ace_flags"].get_value(), ace["mask"].get_value(), str(ace["sid"].get_value())
        offset += size


def _broad_group(sid: str) -> str | None:
    if sid in _BROAD_GROUPS:
        return _BROAD_GROUPS[sid]
    return "Domain Users" if _DOMAIN_USERS.match(sid) else None


def _rights(mask: int) -> str:
    if mask & AccessMask.GENERIC_ALL or mask & _FILE_ALL_ACCESS == _FILE_ALL_ACCESS:
        return "full"
    return "+".join(name for name, bits in (("read", _READ), ("write", _WRITE)) if mask & bits)


def _name(sid: str) -> str:
    return _KNOWN_OWNERS.get(sid, sid)

