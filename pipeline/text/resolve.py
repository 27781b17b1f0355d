"""Mentions → entities: canonical names, aliases, parents, stable ids.

Identity (``entity_id``) is ``"E" + sha256(f"{type}|{name}|{parent name}")[:12]`` (hex) where
``name`` is the canonical name and ``parent name`` the canonical name of the enclosing place
('' for people, organizations and top-level places). Everything is computed from counts and
sorted keys, so the output does not depend on the order of the input.

Rules:

* people: one entity per distinct name; ``titles`` = sorted distinct roles;
* organizations: one per canonical name (the extractor sets ``canonical`` for defined
  abbreviations, ``(以下简称X)``); inside one article a relative short form (``区总工会``) whose
  full form with a place (``天元区总工会``) occurs there is linked to it; ``parent_id`` is the place
  the name starts with, if any;
* places: one per (canonical name, parent); a mention without a parent joins the most
  mentioned parent seen for that name; spelling variants merge (same length, same last
  character, one differing non-initial character that shares its sound or a component with
  the other, or its radical when one of the two is rare: 井勘/井墈/井磡社区, 董家堰/董家塅街道); the most
  mentioned spelling is the name, the others are ``aliases``; a parent named but never
  mentioned becomes an entity too (level and code from the gazetteer when it knows the name).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from functools import lru_cache

from pipeline.text import gazetteer as gz
from pipeline.text.model import PLACE_LEVELS, Entity, Mention

LEVEL_ORDER = ("province", "city", "district", "street", "community", "residential", "water", "other")
_SUFFIX_LEVELS = (("省", "province"), ("自治区", "province"), ("市", "city"), ("州", "city"), ("区", "district"),
                  ("县", "district"), ("街道", "street"), ("镇", "street"), ("乡", "street"),
                  ("社区", "community"), ("村", "community"), ("小区", "residential"), ("组", "residential"))
LEVEL_CHARS = "省市区县镇乡"


@lru_cache(maxsize=1 << 16)
def entity_id(type_: str, name: str, parent: str | None = None) -> str:
    """Stable id of an entity from its type, canonical name and parent's canonical name."""
    key = f"{type_}|{name}|{parent or ''}"
    return "E" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _guess_level(name: str) -> str | None:
    for suf, level in sorted(_SUFFIX_LEVELS, key=lambda t: -len(t[0])):
        if name.endswith(suf):
            return level
    return None


def _rare(ch: str) -> bool:
    return gz.name_stats().chars.get(ch, 0) < 50


def variant_chars(a: str, b: str) -> bool:
    """Whether two different characters are plausibly one name's variant spellings."""
    if a == b:
        return True
    info = gz.char_info()
    pa, ca = info.get(a, ("", frozenset()))
    pb, cb = info.get(b, ("", frozenset()))
    sounds = (set(pa.split("|")) & set(pb.split("|"))) - {""}
    if sounds:
        return True
    if a in cb or b in ca:
        return True
    shared = ca & cb
    if not shared:
        return False
    return _rare(a) or _rare(b)


@lru_cache(maxsize=4096)
def _gaz_name(name: str) -> bool:
    """Whether the gazetteer holds this exact name (a real place, not an OCR spelling of one)."""
    return any(s == 0 and e == len(name) for s, e, *_ in gz.load().find(name))


def variant_names(x: str, y: str) -> bool:
    """Same length (>= 3), same last character, exactly one differing non-initial character that
    is a variant of the other."""
    if x == y:
        return True
    if len(x) != len(y) or len(x) < 3 or x[-1] != y[-1] or x[0] != y[0]:
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diff) != 1:
        return False
    i = diff[0]
    if i == len(x) - 1:
        return False
    # the differing character must not be part of the level suffix (石峰区 vs 石峰县)
    for suf, _ in _SUFFIX_LEVELS:
        if x.endswith(suf) and i >= len(x) - len(suf):
            return False
    return variant_chars(x[i], y[i])


_VARIANT_SUFFIXES = ("街道", "社区", "村", "镇", "乡")


def gazetteer_variant(name: str, parent: str) -> str | None:
    """The gazetteer's spelling of a street/community/village that the text names under ``parent``
    with one character changed (芦淞区董家堰街道 → 董家段街道), or None.

    Only for a name the gazetteer does not hold, with a level suffix and a specific part of at least
    three characters, when exactly one place under that parent has the same length, first
    character and suffix and differs in one character outside the suffix."""
    suffix = next((x for x in _VARIANT_SUFFIXES if name.endswith(x)), None)
    if suffix is None or len(name) - len(suffix) < 3:
        return None
    g = gz.load()
    if name in g.by_name:
        return None
    outer = g.lookup(parent)
    if outer is None:
        return None
    found = set()
    for k in g.children(outer.idx):
        other = g.places[k].name
        if len(other) != len(name) or other[0] != name[0] or not other.endswith(suffix):
            continue
        diff = [i for i in range(len(name) - len(suffix)) if name[i] != other[i]]
        if len(diff) == 1:
            found.add(other)
    return found.pop() if len(found) == 1 else None


def _place_renames(mentions: list[tuple[str, Mention]]) -> dict[str, str]:
    """Text spellings → gazetteer spellings, from place mentions whose parent the text gives."""
    out: dict[str, str] = {}
    pairs = sorted({(m.canonical or m.surface, m.parent) for _, m in mentions if m.type == "PLACE" and m.parent})
    for name, parent in pairs:
        if name in out:
            continue
        var = gazetteer_variant(name, parent)
        if var:
            out[name] = var
    return out


class _UF:
    def __init__(self, keys):
        self.p = {k: k for k in keys}

    def find(self, k):
        while self.p[k] != k:
            self.p[k] = self.p[self.p[k]]
            k = self.p[k]
        return k

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.p[hi] = lo


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` (a level char and an abbreviation: 市发改委, 区人社局, 省文旅厅) is the short
    form of ``full`` (株洲市发展和改革委员会): after the same level char, the first char of the full
    rest opens the short rest, every short char follows in order, and the last one is in the
    body's suffix (委 of 委员会)."""
    if len(short) < 3:
        return False
    level = full.rfind(short[0], 0, len(full) - len(short))
    if level < 0:
        return False
    rest, want = full[level + 1:], short[1:]
    if len(rest) <= len(want) or rest[0] != want[0] or want[-1] not in rest[-3:]:
        return False
    k = 0
    for ch in rest:
        if k < len(want) and ch == want[k]:
            k += 1
    return k == len(want)


def _place_abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` names the same place as ``full`` up to a level char and abbreviates the rest
    (芦淞区住建局, 芦淞区住房和城乡建设局)."""
    k = max((i for i in range(2, len(short) - 1) if short[:i] == full[:i] and short[i - 1] in LEVEL_CHARS),
            default=0)
    return k > 0 and abbreviates(short[k - 1:], full[k - 1:])


def _link_short_orgs(mentions: list[tuple[str, Mention]]) -> list[str]:
    """ORG canonical per mention, linking relative short forms to a full form in the same article."""
    names = [(m.canonical or m.surface) if m.type == "ORG" else "" for _, m in mentions]
    by_article: dict[str, set[str]] = defaultdict(set)
    for (aid, m), name in zip(mentions, names):
        if m.type == "ORG":
            by_article[aid].add(name)
    out = []
    for (aid, m), name in zip(mentions, names):
        if m.type == "ORG" and name[:1] in LEVEL_CHARS and len(name) >= 3:
            fulls = sorted(f for f in by_article[aid]
                           if f != name and f.endswith(name) and len(f) > len(name)
                           and f[len(f) - len(name) - 1:len(f) - len(name) + 1].endswith(name[0]))
            fulls = [f for f in fulls if f[: len(f) - len(name) + 1].endswith(name[0])]
            if not fulls:
                fulls = sorted(f for f in by_article[aid] if abbreviates(name, f))
                longest = max(fulls, key=len, default="")
                if all(longest.endswith(f) for f in fulls):
                    fulls = fulls and [longest]  # 区应急局: 区应急管理局 is 渌口区应急管理局 too
            if len(fulls) == 1:
                name = fulls[0]
        elif m.type == "ORG" and len(name) >= 4:  # 芦淞区住建局 beside 芦淞区住房和城乡建设局
            fulls = sorted(f for f in by_article[aid] if len(f) > len(name) and _place_abbreviates(name, f))
            if len(fulls) == 1:
                name = fulls[0]
        out.append(name)
    return out


def resolve(mentions: list[tuple[str, Mention]]) -> tuple[list[Entity], list[str]]:
    """Entities (sorted by id) and, for each input mention in order, its entity id."""
    org_names = _link_short_orgs(mentions)
    # ---- places: (name, parent) groups
    place_idx = [i for i, (_, m) in enumerate(mentions) if m.type == "PLACE"]
    renames = _place_renames(mentions)
    named: dict[int, tuple[str, str | None]] = {}  # (name, parent from the text), gazetteer spellings
    for i in place_idx:
        m = mentions[i][1]
        name = renames.get(m.canonical or m.surface, m.canonical or m.surface)
        mparent = renames.get(m.parent, m.parent) if m.parent else None
        named[i] = (name, mparent if mparent != name else None)
    parents_of: dict[str, Counter] = defaultdict(Counter)
    for name, parent in named.values():
        if parent:
            parents_of[name][parent] += 1
    group_of: dict[int, tuple[str, str | None]] = {}
    for i in place_idx:
        name, parent = named[i]
        if parent is None and parents_of[name]:
            parent = min(parents_of[name].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        group_of[i] = (name, parent)
    groups = sorted(set(group_of.values()), key=lambda k: (k[0], k[1] or ""))
    gcount: Counter = Counter(group_of.values())
    # merge variant spellings; parents must agree (or be variants, or one enclose the other, or one unknown)
    up: dict[str, set[str]] = defaultdict(set)
    for name, parent in groups:
        if parent:
            up[name].add(parent)

    def encloses(outer: str, inner: str) -> bool:
        seen, frontier = set(), {inner}
        for _ in range(6):
            frontier = {p for n in frontier for p in up.get(n, ())} - seen
            if outer in frontier:
                return True
            seen |= frontier
        return False

    uf = _UF(groups)
    buckets: dict[tuple[int, str, str], list] = defaultdict(list)
    for g in groups:
        buckets[(len(g[0]), g[0][:1], g[0][-1:])].append(g)
    for key in sorted(buckets):
        items = buckets[key]
        for a_i in range(len(items)):
            for b_i in range(a_i + 1, len(items)):
                a, b = items[a_i], items[b_i]
                if a[0] == b[0] and a[1] != b[1]:
                    continue
                pa, pb = a[1], b[1]
                parents_ok = pa is None or pb is None or pa == pb or variant_names(pa, pb) \
                    or encloses(pa, pb) or encloses(pb, pa)
                if parents_ok and variant_names(a[0], b[0]) and not (_gaz_name(a[0]) and _gaz_name(b[0])):
                    uf.union(a, b)  # (高塘村 and 高坪村, both in the gazetteer, are two villages)
    clusters: dict[tuple, list] = defaultdict(list)
    for g in groups:
        clusters[uf.find(g)].append(g)
    # canonical spelling per cluster; parent = most mentioned non-null parent in the cluster
    rep: dict[tuple, tuple[str, str | None, list[str]]] = {}
    for members in clusters.values():
        spell = Counter()
        par = Counter()
        for g in members:
            spell[g[0]] += gcount[g]
            if g[1]:
                par[g[1]] += gcount[g]
        name = min(spell.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        parent = min(par.items(), key=lambda kv: (-kv[1], kv[0]))[0] if par else None
        aliases = sorted(set(spell) - {name})
        for g in members:
            rep[g] = (name, parent, aliases)
    # parent names → canonical place names (a parent may itself be a variant spelling)
    alias_to_name: dict[str, str] = {}
    for name, _, aliases in sorted({(v[0], v[1] or "", tuple(v[2])) for v in rep.values()}):
        alias_to_name.setdefault(name, name)
        for a in aliases:
            alias_to_name.setdefault(a, name)

    entities: dict[str, Entity] = {}
    parent_name_of: dict[str, str | None] = {}
    out_ids: list[str] = [""] * len(mentions)
    context = {rep[g][0] for g in groups}
    place_key_by_name: dict[str, list[tuple[str, str | None]]] = defaultdict(list)

    def canon_parent(p: str | None) -> str | None:
        return alias_to_name.get(p, p) if p else None

    # place entities from mentions
    levels: dict[tuple, Counter] = defaultdict(Counter)
    codes: dict[tuple, Counter] = defaultdict(Counter)
    for i in place_idx:
        m = mentions[i][1]
        name, parent, _ = rep[group_of[i]]
        key = (name, canon_parent(parent))
        if m.level:
            levels[key][m.level] += 1
        if m.admin_code:
            codes[key][m.admin_code] += 1
    for i in place_idx:
        name, parent, aliases = rep[group_of[i]]
        parent = canon_parent(parent)
        eid = entity_id("PLACE", name, parent)
        out_ids[i] = eid
        if eid not in entities:
            lv = levels[(name, parent)]
            level = min(lv.items(), key=lambda kv: (-kv[1], LEVEL_ORDER.index(kv[0])
                                                   if kv[0] in LEVEL_ORDER else 99))[0] if lv else _guess_level(name)
            cd = codes[(name, parent)]
            code = min(cd.items(), key=lambda kv: (-kv[1], kv[0]))[0] if cd else None
            entities[eid] = Entity(eid, "PLACE", name, list(aliases), level=level, admin_code=code)
            parent_name_of[eid] = parent
            place_key_by_name[name].append((eid, parent))

    def ensure_place(name: str, depth: int = 0) -> str | None:
        """Entity id of the place called ``name``, created (with its own parents) if needed."""
        name = alias_to_name.get(name, name)
        found = sorted(place_key_by_name.get(name, []), key=lambda t: (t[1] is None, t[0]))
        if found:
            return found[0][0]
        if depth > 6:
            return None
        g = gz.load()
        p = g.lookup(name, context)
        parent_name = g.parent_name(p.idx) if p is not None else None
        level = p.level if p is not None else _guess_level(name)
        if level not in PLACE_LEVELS:
            level = "other"  # countries and anything else outside the contract's levels
        code = p.code if p is not None else None
        eid = entity_id("PLACE", name, parent_name)
        if eid not in entities:
            entities[eid] = Entity(eid, "PLACE", name, [], level=level, admin_code=code)
            parent_name_of[eid] = parent_name
            place_key_by_name[name].append((eid, parent_name))
            if parent_name:
                ensure_place(parent_name, depth + 1)
        return eid

    # people and organizations
    titles: dict[str, set[str]] = defaultdict(set)
    org_alias: dict[str, set[str]] = defaultdict(set)
    person_alias: dict[str, set[str]] = defaultdict(set)
    org_parent: dict[str, Counter] = defaultdict(Counter)
    for i, (_, m) in enumerate(mentions):
        if m.type == "PERSON":
            name = m.canonical or m.surface  # a familiar form (老傅) carries the full name it stands for
            eid = entity_id("PERSON", name)
            out_ids[i] = eid
            entities.setdefault(eid, Entity(eid, "PERSON", name))
            if m.surface != name:
                person_alias[eid].add(m.surface)
            if m.role:  # 副市长、市河长办主任 is two titles
                titles[eid].update(t for t in (x.strip() for x in m.role.split("、")) if t)
        elif m.type == "ORG":
            name = org_names[i]
            eid = entity_id("ORG", name)
            out_ids[i] = eid
            entities.setdefault(eid, Entity(eid, "ORG", name))
            if m.surface != name:
                org_alias[eid].add(m.surface)
            if m.parent:
                org_parent[eid][m.parent] += 1
    for eid, t in titles.items():
        entities[eid].titles = sorted(t)
    # every other spelling seen in the text (株洲 for 株洲市) is an alias too
    seen: dict[str, set[str]] = defaultdict(set)
    for i, (_, m) in enumerate(mentions):
        if m.type == "PLACE" and out_ids[i]:
            seen[out_ids[i]].add(m.surface)
    for eid, surfs in seen.items():
        e = entities[eid]
        e.aliases = sorted((set(e.aliases) | surfs) - {e.name})
    for eid, a in (org_alias | person_alias).items():
        entities[eid].aliases = sorted(a)
    # parents (iterate over a sorted snapshot; ensure_place may add entities)
    for eid in sorted(entities):
        e = entities[eid]
        if e.type == "PLACE":
            pname = parent_name_of.get(eid)
            if pname:
                e.parent_id = ensure_place(pname)
        elif e.type == "ORG" and org_parent.get(eid):
            pname = min(org_parent[eid].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            e.parent_id = ensure_place(pname)
    # places created by ensure_place need their parent ids too
    done: set[str] = set()
    while True:
        todo = [eid for eid in sorted(entities) if eid not in done and entities[eid].type == "PLACE"
                and parent_name_of.get(eid) and entities[eid].parent_id is None]
        if not todo:
            break
        for eid in todo:
            done.add(eid)
            entities[eid].parent_id = ensure_place(parent_name_of[eid])  # type: ignore[arg-type]
    for e in entities.values():
        if e.parent_id == e.entity_id:
            e.parent_id = None
    return [entities[k] for k in sorted(entities)], out_ids
