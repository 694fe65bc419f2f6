#!/usr/bin/env python3
"""Generate a benchmark collection that looks like real posts (make bench's
default; gen.py is the older, near-ASCII one, kept as GEN=plain).

usage: genreal.py N DIR

Calibrated on a real Jekyll collection (/work/corpora/opensuse/_posts,
2,289 posts, 15.1 MB, measured 2026-12-07): sizes lognormal, median 3.2 KB,
sd of log size 1.03, max 280 KB; 0.42 % of bytes non-ASCII, mostly ’ “ ” –
… — and NBSP, then accented Latin, a little CJK, Cyrillic and Greek; per
post about 5 headings, 22 links, 15 list items, 2 images, 4 HTML tags;
front matter in every post (layout, title, date, author, categories, tags).
News text carries more names than that site, so this writes more: about
2 % of bytes non-ASCII, with whole Cyrillic, Greek, Arabic and CJK
paragraphs in a few posts. Size: lognormal, median 4 KB, same spread, a
long tail capped at 1 MB. Front matter: Jekyll and Hugo YAML shapes, 10 %
Hugo TOML (+++, since dossier reads it: core/meta/tomltree.c; before
2026-12-07 evening those were Hugo YAML, so older rows' files differ), 5 %
none (title from a Markdown heading), 5 % sidecar .yaml. 8 % of bodies are HTML (as
WordPress imports are), others carry inline HTML now and then.

All words are our own lists below. The tags, sources and the words the
bench queries (flood, headline, harbour, "flood barrier") are those of
gen.py, so the same queries and saved searches have answers. The same N
always gives the same files (seeded PRNG). Bodies are put together from a
pool of generated sentences, so 100,000 posts take a minute, not an hour.
"""
import math
import os
import random
import sys

WORDS = ("the council budget river harbour barrier flood energy grid heat pump port strike "
         "water drought permit factory chip minister report official agency plan vote "
         "week year city region market price cost rise fall warn said according people "
         "union workers shipping freight barge lock reservoir rain summer winter storm "
         "insurance premium claim household tenant landlord school hospital road rail "
         "bridge tunnel station airport ferry coast island valley village town district "
         "court judge ruling appeal law bill parliament committee hearing evidence "
         "study survey data analysis expert scientist model forecast risk threat "
         "response emergency service crew fire smoke evacuation shelter aid fund grant "
         "loan bank rate inflation wage contract deal talks offer agreement dispute "
         "release update kernel desktop package browser server network security patch "
         "community conference volunteer board election project mirror download").split()
LATIN_NAMES = ("José Núñez", "Zoë Brønnum", "François Lefèvre", "Łukasz Wróbel", "Antonín Dvořák",
               "Gülşen Yıldız", "Søren Ærø", "Inés Peñalver", "Björn Åkesson", "Mátyás Kovács",
               "Renée Laurent", "João Gonçalves", "Małgorzata Żak", "Jürgen Müller", "Çağla Öztürk")
PLACES = ("Zürich", "Kraków", "São Paulo", "Besançon", "Tromsø", "Plzeň", "Malmö", "Düsseldorf",
          "Córdoba", "Reykjavík", "Łódź", "Nîmes")
CYRILLIC = ("Олена Коваленко", "Дмитро Шевчук", "Київ", "Харків", "Одеса", "міська рада",
            "бюджет", "повінь", "енергетика", "порт", "уряд", "звіт", "Новосибирск", "совет")
GREEK = ("Νίκος Παπαδόπουλος", "Αθήνα", "Θεσσαλονίκη", "λιμάνι", "πλημμύρα", "δημοτικό συμβούλιο",
         "προϋπολογισμός", "ενέργεια")
ARABIC = ("محمد الحسن", "القاهرة", "بيروت", "المجلس البلدي", "الميناء", "فيضان", "الطاقة", "تقرير")
CJK = ("東京", "大阪", "北京", "上海", "会议", "预算", "城市", "河流", "港口", "能源", "电网", "工人",
       "罢工", "洪水", "防洪", "报告", "部长", "市场", "价格", "政府", "発表", "地震", "鉄道",
       "서울", "부산", "정부", "항구")
# tags and sources are gen.py's own, so the same queries have answers
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import COMMON, SOURCES, TAIL, tags  # noqa: E402
AUTHORS = ["Ada Brennan", "Tomás Ruiz", "Mei Lin", "Oskar Lindqvist", "Priya Raman",
           "Олена Коваленко", "Chloé Martin", "Kwame Mensah"] + list(LATIN_NAMES[:6])
CATEGORIES = ["news", "announcements", "events", "community", "releases", "opinion"]
NBSP, RSQ, LDQ, RDQ, NDASH, MDASH, ELL = "\u00a0", "\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u2026"


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng):
    """One sentence of news prose: names, quotes, dashes and numbers in about
    the proportions real posts have (scaled up for names)."""
    w = words(rng, rng.randint(6, 18)).capitalize()
    r = rng.random()
    if r < 0.06:
        w += ", %s said" % rng.choice(LATIN_NAMES)
    elif r < 0.10:
        w = "%s%s%s, said %s of %s" % (LDQ, w, RDQ, rng.choice(LATIN_NAMES), rng.choice(PLACES))
    elif r < 0.14:
        w += " %s %s %s" % (MDASH, words(rng, rng.randint(3, 6)), MDASH) + " " + words(rng, 3)
    elif r < 0.18:
        w += " in %d%s%d" % (rng.randint(2015, 2022), NDASH, rng.randint(2023, 2026))
    elif r < 0.21:
        w += " at %d%s%%" % (rng.randint(1, 99), NBSP)
    elif r < 0.25:
        w = "The council%ss %s" % (RSQ, w[0].lower() + w[1:])
    elif r < 0.26:
        w += " in %s" % rng.choice(CYRILLIC)
    elif r < 0.265:
        w += " (%s)" % rng.choice(CJK)
    elif r < 0.27:
        w += " near %s" % rng.choice(GREEK)
    elif r < 0.29:
        w += " in %s" % rng.choice(PLACES)
    if rng.random() < 0.015:
        return w + ELL
    return w + "."


def md_inline(rng, s):
    """Emphasis, a link or inline code in some sentences."""
    r = rng.random()
    if r < 0.08:
        return s.replace(" the ", " **the %s** " % rng.choice(WORDS), 1)
    if r < 0.14:
        return s.replace(" the ", " *the* ", 1)
    if r < 0.40:
        w = rng.choice(WORDS)
        return s + " See [the %s report](https://example.org/%d/%s-%s)." % (
            w, rng.randint(2015, 2026), w, rng.choice(WORDS))
    if r < 0.43:
        return s + " Run `zypper up %s` first." % rng.choice(WORDS)
    if r < 0.45:
        return s + " <br>"
    return s


def make_pool(rng, n):
    pool = [sentence(rng) for _ in range(n)]
    md = [md_inline(rng, s) for s in pool]
    return pool, md


def foreign_para(rng):
    k = rng.random()
    if k < 0.35:   # CJK: no spaces between words, full-width punctuation
        return "".join(rng.choice(CJK) + ("。" if rng.random() < 0.15 else "，" if rng.random() < 0.1 else "")
                       for _ in range(rng.randint(30, 120))) + "。"
    lst = CYRILLIC if k < 0.7 else GREEK if k < 0.9 else ARABIC
    return " ".join(rng.choice(lst) for _ in range(rng.randint(20, 60))).capitalize() + "."


def md_block(rng, pools, kind):
    """A Markdown block other than a paragraph."""
    md = pools[1]
    if kind < 0.30:
        return "## " + words(rng, rng.randint(2, 6)).capitalize()
    if kind < 0.55:
        return "\n".join("- " + rng.choice(md) for _ in range(rng.randint(2, 6)))
    if kind < 0.62:
        return "\n".join("%d. %s" % (i + 1, rng.choice(md)) for i in range(rng.randint(2, 5)))
    if kind < 0.75:
        w = rng.choice(WORDS)
        return "![%s at the %s](/images/%d/%s-%d.jpg)" % (w, rng.choice(WORDS), rng.randint(2015, 2026), w,
                                                          rng.randint(1, 99))
    if kind < 0.83:
        return "> " + rng.choice(md)
    if kind < 0.88:
        return "```\n$ sudo zypper in %s\n%s\n```" % (rng.choice(WORDS), words(rng, 8))
    if kind < 0.92:
        rows = ["| %s | %s | %s |" % ("Area", "Before", "After"), "|---|---:|---:|"]
        for _ in range(rng.randint(2, 8)):
            rows.append("| %s | %d | %d |" % (rng.choice(PLACES), rng.randint(1, 999), rng.randint(1, 999)))
        return "\n".join(rows)
    if kind < 0.96:
        return '<div class="note">%s</div>' % rng.choice(pools[0])
    return '<img src="/images/%s.png" alt="%s" width="600">' % (rng.choice(WORDS), rng.choice(WORDS))


def body(rng, pools, target, fmt):
    out, size = [], 0
    foreign = rng.random() < 0.03   # a post quoting a paragraph in another script
    while size < target:
        r = rng.random()
        if fmt == "html":
            if r < 0.12:
                b = "<h2>%s</h2>" % words(rng, rng.randint(2, 6)).capitalize()
            elif r < 0.22:
                b = "<ul>\n" + "\n".join("<li>%s</li>" % rng.choice(pools[0]) for _ in range(rng.randint(2, 5))) + "\n</ul>"
            else:
                b = "<p>%s</p>" % " ".join(rng.choices(pools[0], k=rng.randint(2, 6)))
        elif r < 0.22:
            b = md_block(rng, pools, rng.random())
        elif foreign and r < 0.30:
            b = foreign_para(rng)
        else:
            b = " ".join(rng.choices(pools[1], k=rng.randint(2, 7)))
        out.append(b)
        size += len(b.encode()) + 2
    return "\n\n".join(out) + "\n"


def title(rng, i):
    t = words(rng, rng.randint(4, 9)).capitalize()
    r = rng.random()
    if r < 0.15:
        t = "%s: %s" % (rng.choice(LATIN_NAMES), t)
    elif r < 0.25:
        t = "%s %s %s" % (t, NDASH, rng.choice(PLACES + CYRILLIC[:5]))
    return "%s %d" % (t, i)


def yq(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def front(rng, i, shape):
    y, m, d = 2018 + i % 7, 1 + rng.randrange(12), 1 + rng.randrange(28)
    hh, mm = rng.randrange(24), rng.randrange(60)
    tg = tags(rng)
    src = rng.choice(SOURCES)
    if shape == "toml":
        auth = rng.sample(AUTHORS, rng.randint(1, 3))
        return ("+++\ntitle = %s\ndate = %04d-%02d-%02dT%02d:%02d:00+01:00\ndraft = false\n"
                "authors = [%s]\nsource = %s\ncategories = [%s]\ntags = [%s]\n"
                "summary = %s\n\n[params]\nimage = %s\n+++\n"
                % (yq(title(rng, i)), y, m, d, hh, mm, ", ".join(yq(a) for a in auth),
                   yq(src), yq(rng.choice(CATEGORIES)), ", ".join(yq(t) for t in tg),
                   yq(rng.choice(make_pool.summary)), yq("/images/%s.jpg" % rng.choice(WORDS))))
    if shape == "hugo":
        auth = rng.sample(AUTHORS, rng.randint(1, 3))
        return ("---\ntitle: %s\ndate: %04d-%02d-%02dT%02d:%02d:00+01:00\ndraft: false\n"
                "authors: [%s]\nsource: %s\ncategories:\n  - %s\ntags: [%s]\n"
                "summary: %s\n---\n" % (yq(title(rng, i)), y, m, d, hh, mm,
                                        ", ".join(yq(a) for a in auth), src, rng.choice(CATEGORIES),
                                        ", ".join(tg), yq(rng.choice(make_pool.summary))))
    lines = ["---", "layout: post", "title: %s" % yq(title(rng, i)),
             "date: %04d-%02d-%02d %02d:%02d:00 +0100" % (y, m, d, hh, mm),
             "author: %s" % rng.choice(AUTHORS)]
    if rng.random() < 0.75:
        lines.append("source: %s" % src)
    lines.append("categories: [%s]" % rng.choice(CATEGORIES))
    lines.append("tags:")
    lines += ["- %s" % t for t in tg]
    if rng.random() < 0.3:
        lines.append("image: /images/%s.jpg" % rng.choice(WORDS))
    if rng.random() < 0.3:
        lines.append("comments: true\nslug: %s-%d" % (rng.choice(WORDS), i))
    lines.append("---")
    return "\n".join(lines) + "\n"


def sidecar(rng, i):
    y, m, d = 2018 + i % 7, 1 + rng.randrange(12), 1 + rng.randrange(28)
    return ("title: %s\ndate: %04d-%02d-%02d\nsource: %s\ntags: [%s]\n"
            % (yq(title(rng, i)), y, m, d, rng.choice(SOURCES), ", ".join(tags(rng))))


def size_of(rng):
    # lognormal: median 4 KB with its front matter, sd of the log 1.03 (as
    # measured), 300 B..1 MB; and 1 in 500 a long report, 100 KB..1 MB
    if rng.random() < 0.002:
        return int(math.exp(rng.uniform(math.log(100 << 10), math.log(1 << 20))))
    return int(min(max(math.exp(rng.gauss(math.log(3500), 1.03)), 300), 1 << 20))


def main():
    n, root = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261207 + n)
    pools = make_pool(random.Random(20261207), 6000)
    make_pool.summary = pools[0][:200]
    for i in range(n):
        folder = os.path.join(root, "f%03d" % (i // 1000))
        if i % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "a%06d.md" % i)
        r = rng.random()
        fmt = "html" if rng.random() < 0.08 else "md"
        text = body(rng, pools, size_of(rng), fmt)
        if r < 0.05:             # no metadata: the title from the first line
            content = "# Headline number %d about the %s\n\n%s" % (i, rng.choice(WORDS), text)
        elif r < 0.10:           # sidecar
            content = text
            with open(os.path.join(folder, "a%06d.yaml" % i), "w", encoding="utf-8") as f:
                f.write(sidecar(rng, i))
        elif r < 0.20:
            content = front(rng, i, "toml") + text
        elif r < 0.40:
            content = front(rng, i, "hugo") + text
        else:
            content = front(rng, i, "jekyll") + text
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)


if __name__ == "__main__":
    main()
