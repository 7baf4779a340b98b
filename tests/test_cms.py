"""The form editor's configuration follows the content contract: every schema field is in
the form with a Chinese label, each kind's form has only its own keys, units are chosen
from the directory, and the demo's docs/admin/config.yml is what ``campaign cms`` writes.
tests/browser/test_cms.py edits a campaign through it in Chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from campaign_pages.core.cms import LABELS, UNIT_FIELDS, _plain, cms_config
from campaign_pages.core.load.schema import (
    KIND_KEYS,
    CampaignSchema,
    DepartmentsFile,
    PostSchema,
    SiteSchema,
)

from .conftest import ROOT, campaign_cli

# MkDocs and Material page options, not content (a post's status and description too)
SKIPPED = {"hide", "search", "icon", "template", "comments"}


def _schema_fields(model: type[BaseModel], seen: set[type] | None = None) -> Iterator[str]:
    seen = seen or set()
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield info.alias or name
        kind, _ = _plain(info.annotation)
        inner = [kind, *getattr(kind, "__args__", ())]
        for candidate in inner:
            candidate, _ = _plain(candidate)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                yield from _schema_fields(candidate, seen)


def _form_fields(fields: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for field in fields:
        yield field
        yield from _form_fields(field.get("fields", []))


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def test_every_schema_field_has_a_chinese_label() -> None:
    models = (CampaignSchema, DepartmentsFile, PostSchema, SiteSchema)
    names = {n for model in models for n in _schema_fields(model)} - SKIPPED
    missing = sorted(n for n in names if n not in LABELS)
    assert missing == [], f"add these to cms.LABELS: {missing}"


def test_every_schema_field_is_in_the_form_and_nothing_else() -> None:
    config = cms_config({"name": "gitea", "repo": "a/b"})
    for kind in ("activity-plan", "work-plan", "rectification", "report"):
        top = {f["name"] for f in _collection(config, f"campaigns-{kind}")["fields"]}
        own = {key for key, kinds in KIND_KEYS.items() if kind in kinds}
        foreign = set(KIND_KEYS) - own
        assert own <= top and not foreign & top, kind  # a key of another kind is an error
        assert top == set(CampaignSchema.model_fields) - foreign  # and no field left out
    post = {f["name"] for f in _collection(config, "news")["fields"]}
    written = {f.alias or n for n, f in PostSchema.model_fields.items()}
    assert post == (written - SKIPPED - {"status", "description"}) | {"body"}
    site = _collection(config, "site")["files"][0]["fields"]
    assert {f["name"] for f in site} == set(SiteSchema.model_fields)


def test_units_are_chosen_from_the_directory_and_labels_are_chinese() -> None:
    config = cms_config({"name": "gitea", "repo": "a/b"})
    fields = list(_form_fields(_collection(config, "campaigns-activity-plan")["fields"]))
    units = [f for f in fields if f["name"] in UNIT_FIELDS]
    assert units and all(f["widget"] == "relation" and f["multiple"] for f in units)
    assert all(f["collection"] == "departments" for f in units)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f["label"]) for f in fields)
    assert config["locale"] == "zh_Hans"


def test_the_demos_admin_is_what_campaign_cms_writes(
    make_tree: Callable[..., Path], tmp_path: Path
) -> None:
    committed = (ROOT / "docs/admin/config.yml").read_text("utf-8")
    root = make_tree()
    result = campaign_cli(root, "cms")
    assert result.returncode == 0, result.stderr
    assert (root / "docs/admin/config.yml").read_text("utf-8") == committed
    index = (root / "docs/admin/index.html").read_text("utf-8")
    assert index == (ROOT / "docs/admin/index.html").read_text("utf-8")
    assert "http" not in index.replace("http-equiv", "")  # nothing from a CDN
    assert yaml.safe_load(committed)["backend"]["name"] == "gitea"
    # a campaign file the form cannot show is named, with the line to add
    assert "没有写 kind:" in result.stderr and "kind: activity-plan" in result.stderr
