"""Refused uploads: files sent to ``POST /api/uploads`` that the server turned away, listed with their reason."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

import chatlens


def _send_file(server, filename: str, content: bytes) -> dict:
    """Uploads a file the way a browser form does (the Python client has no upload call); the error envelope it got."""
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        server.url + "/api/uploads", data=body, method="POST",
        headers={"Authorization": f"Bearer {server.ingest}", "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    return {"status": refused.value.code, **json.loads(refused.value.read())["error"]}


def test_upload_refusals_lists_each_refused_file_newest_first_with_the_reason_given(server, analyst):
    unreadable = _send_file(server, "notes.txt", b"just some prose\nno format here\n")
    empty = _send_file(server, "empty.jsonl", b"   \n")

    refusals = analyst.upload_refusals()
    assert [(r["filename"], r["statusCode"], r["code"], r["reason"]) for r in refusals[:2]] == [
        ("empty.jsonl", 400, empty["code"], empty["message"]),
        ("notes.txt", 415, unreadable["code"], unreadable["message"]),
    ]
    assert refusals[0]["sizeBytes"] == 4 and refusals[0]["format"] == "auto"
    assert [r["filename"] for r in analyst.upload_refusals(limit=1)] == ["empty.jsonl"]

    # A platform admin names the company; the other company refused nothing.
    platform = server.client(server.platform)
    assert [r["id"] for r in platform.upload_refusals(company_id=server.company_id)] == [r["id"] for r in refusals]
    assert platform.upload_refusals(company_id=server.other_company_id) == []


def test_upload_refusals_rejects_a_limit_out_of_range(analyst):
    with pytest.raises(chatlens.BadRequestError):
        analyst.upload_refusals(limit=0)
